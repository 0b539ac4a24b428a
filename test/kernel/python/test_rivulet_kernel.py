"""The Rivulet kernel driven by a real Jupyter client (jupyter_client), as installed by
`rivulet kernel install`: jupyter_kernel_test's protocol checks, then Rivulet's own behaviours (late
output, live views, interrupt, ESM imports, redeclared names, bad signatures).

Run by test/kernel/kernel-protocol.test.ts with JUPYTER_PATH pointing at a temporary kernelspec.
One kernel per test class."""

import time
import unittest
from queue import Empty

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

TIMEOUT = 30


class RivuletKernelProtocolTests(jupyter_kernel_test.KernelTests):
    kernel_name = "rivulet"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = "console.log('hello, world')"
    code_stderr = "console.error('something went wrong')"

    completion_samples = [
        {"text": "Math.fl", "matches": {"floor"}},
        {"text": "JSON.str", "matches": {"stringify"}},
    ]
    complete_code_samples = ["1 + 1", "const x: number = 1", "function f(a: string) { return a }"]
    incomplete_code_samples = ["function f() {", "1 +", "const s = `open"]
    invalid_code_samples = ["1 +)", "const = 5", "'unterminated\n"]

    code_inspect_sample = "Math.max"
    code_generate_error = "throw new Error('boom')"

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "'ab'.toUpperCase()", "result": "'AB'"},
        {
            "code": "import { StreamEnvironment } from 'rivulet'\n"
            "new StreamEnvironment().fromElements(1, 2).map((x: number) => x + 1)",
            "mime": "text/html",
        },
    ]
    code_display_data = [
        {
            "code": "import { StreamEnvironment } from 'rivulet'\n"
            "const envT = new StreamEnvironment()\n"
            "envT.fromElements({ k: 'a', n: 1 }, { k: 'b', n: 2 }).view({ name: 'table' })",
            "mime": "text/html",
        },
        {
            "code": "import { StreamEnvironment } from 'rivulet'\n"
            "const envC = new StreamEnvironment()\n"
            "envC.fromElements({ k: 'a', n: 1 }, { k: 'b', n: 2 }).chart({ x: 'k', y: 'n', mark: 'bar' })",
            "mime": "image/svg+xml",
        },
        {
            "code": "import { StreamEnvironment } from 'rivulet'\n"
            "const envV = new StreamEnvironment()\n"
            "envV.fromElements({ k: 'a', n: 1 }, { k: 'b', n: 2 }).chart({ x: 'k', y: 'n', mark: 'bar' })",
            "mime": "application/vnd.vegalite.v5+json",
        },
    ]


class RivuletKernelBehaviourTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name="rivulet", startup_timeout=60)
        cls.seen = []  # every iopub message received so far, in order

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel()

    # ---- helpers --------------------------------------------------------------------------------------

    def read_iopub(self, until, what, timeout=TIMEOUT):
        """Reads iopub into self.seen until `until(self.seen)` holds; fails after `timeout`."""
        deadline = time.monotonic() + timeout
        while not until(self.seen):
            left = deadline - time.monotonic()
            if left <= 0:
                self.fail(f"timed out waiting for {what}")
            try:
                self.seen.append(self.kc.get_iopub_msg(timeout=min(left, 1)))
            except Empty:
                pass

    def of(self, msg_id, msg_type=None):
        return [
            m
            for m in self.seen
            if m["parent_header"].get("msg_id") == msg_id and (msg_type is None or m["msg_type"] == msg_type)
        ]

    def idle(self, msg_id):
        return any(m["msg_type"] == "status" and m["content"]["execution_state"] == "idle" for m in self.of(msg_id))

    def shell_reply(self, msg_id, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply
        self.fail(f"no reply to {msg_id}")

    def run_cell(self, code, timeout=TIMEOUT):
        """Executes `code`; returns (reply content, msg_id) once the cell is idle."""
        msg_id = self.kc.execute(code)
        reply = self.shell_reply(msg_id, timeout)
        self.read_iopub(lambda _: self.idle(msg_id), f"idle after {code!r}", timeout)
        return reply["content"], msg_id

    def result_text(self, msg_id):
        results = self.of(msg_id, "execute_result")
        self.assertEqual(len(results), 1, f"one execute_result for {msg_id}")
        return results[0]["content"]["data"]["text/plain"]

    def stdout_of(self, msg_id):
        return "".join(m["content"]["text"] for m in self.of(msg_id, "stream") if m["content"]["name"] == "stdout")

    # ---- tests ----------------------------------------------------------------------------------------

    def test_redeclaring_a_const_in_a_later_cell(self):
        self.run_cell("const redeclared = 1\nconst readIt = () => redeclared")
        reply, msg_id = self.run_cell("const redeclared: string = 'two';\n[redeclared, readIt()]")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(self.result_text(msg_id), "[ 'two', 'two' ]")

    def test_esm_only_package_import(self):
        # chalk 5 is ESM-only ("type": "module", no CommonJS entry): require() cannot load it.
        reply, msg_id = self.run_cell("import chalk from 'chalk'\nimport { Chalk } from 'chalk'\n[typeof chalk.red, new Chalk({ level: 0 }).red('plain')]")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(self.result_text(msg_id), "[ 'function', 'plain' ]")

    def test_error_shows_the_cells_typescript_line_and_column(self):
        reply, msg_id = self.run_cell("const n: number = 1\ninterface Shape { r: number }\nconst s: Shape = { r: n }\nJSON.parse('{oops')")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "SyntaxError")
        errors = self.of(msg_id, "error")
        self.assertEqual(len(errors), 1)
        self.assertIn("(line 4, column 6)", errors[0]["content"]["traceback"][0])

    def test_late_output_goes_to_the_cell_that_started_it(self):
        self.run_cell("import { StreamEnvironment } from 'rivulet'\nconst envL = new StreamEnvironment()")
        _, started = self.run_cell(
            "let release: () => void = () => {}\n"
            "const gate = new Promise<void>((r) => { release = r })\n"
            "gate.then(() => console.log('late from the first cell'))\n"
            "envL.fromGenerator((i: number) => i, { count: 5, eventsPerSecond: 20 }).map((i: number) => 'tick ' + i).print()\n"
            "const slow = envL.execute('slow')\n"
            "'started'"
        )
        _, other = self.run_cell("release()\nawait slow\n'other'")
        self.read_iopub(
            lambda _: "late from the first cell" in self.stdout_of(started) and "tick 4" in self.stdout_of(started),
            "the late output in the first cell",
        )
        self.assertNotIn("late from the first cell", self.stdout_of(other))
        self.assertNotIn("tick", self.stdout_of(other))
        lines = [l for l in self.stdout_of(started).splitlines() if "tick" in l]
        self.assertEqual(len(lines), 5)

    def test_live_view_updates_in_place(self):
        _, msg_id = self.run_cell(
            "import { StreamEnvironment } from 'rivulet'\n"
            "const envV2 = new StreamEnvironment({ parallelism: 2 })\n"
            "envV2.fromGenerator((i: number) => ({ key: 'k' + (i % 3), n: 1 }), { count: 60, eventsPerSecond: 200 })\n"
            "  .keyBy((r: { key: string }) => r.key).sum('n').view({ name: 'live', refreshMs: 50 })\n"
            "await envV2.execute('live')"
        )
        shown = self.of(msg_id, "display_data")
        self.assertEqual(len(shown), 1)
        display_id = shown[0]["content"]["transient"]["display_id"]
        updates = self.of(msg_id, "update_display_data")
        self.assertGreaterEqual(len(updates), 1)
        self.assertTrue(all(u["content"]["transient"]["display_id"] == display_id for u in updates))
        final = updates[-1]["content"]["data"]
        self.assertIn("<table", final["text/html"])
        self.assertRegex(final["text/plain"], r"k0\s*[│|]?\s*20")

    def test_stream_failing_after_its_cell_shows_the_error_there_and_the_kernel_lives(self):
        self.run_cell("import { StreamEnvironment } from 'rivulet'\nconst envF = new StreamEnvironment()\nconst fail = { now: false }")
        reply, started = self.run_cell(
            "envF.fromGenerator((i: number) => i, { eventsPerSecond: 100 }).map((x: number) => {\n"
            "  if (fail.now) throw new Error('bad record ' + x)\n"
            "  return x\n"
            "}).addSink(() => {})\n"
            "const failing = envF.execute('failing')"
        )
        self.assertEqual(reply["status"], "ok")
        self.run_cell("fail.now = true")
        self.read_iopub(lambda _: self.of(started, "error"), "the stream's error in its cell")
        error = self.of(started, "error")[0]["content"]
        self.assertIn("bad record", error["evalue"])
        self.assertRegex("\n".join(error["traceback"]), r"In\[\d+\]:2:23")
        reply, msg_id = self.run_cell("failing.status")
        self.assertEqual(self.result_text(msg_id), "'failed'")

    def test_uncaught_exceptions_and_rejections_show_in_the_cell_they_came_from(self):
        _, started = self.run_cell(
            "let open: () => void = () => {}\n"
            "const opened = new Promise<void>((r) => { open = r })\n"
            "opened.then(() => { throw new RangeError('rejected later') })\n"
            "opened.then(() => setTimeout(() => { throw new TypeError('thrown in a timer') }, 1))\n"
            "'waiting'"
        )
        _, other = self.run_cell("open()\nawait new Promise((r) => setTimeout(r, 20))\n'opened'")
        self.read_iopub(lambda _: len(self.of(started, "error")) == 2, "both errors in the first cell")
        self.assertEqual(sorted(m["content"]["ename"] for m in self.of(started, "error")), ["RangeError", "TypeError"])
        self.assertEqual(self.of(other, "error"), [])
        reply, msg_id = self.run_cell("'still alive'.length")
        self.assertEqual(self.result_text(msg_id), "11")

    def test_cells_queued_behind_a_failing_cell_are_aborted(self):
        failing = self.kc.execute("await new Promise((r) => setTimeout(r, 300))\nthrow new Error('stop here')")
        queued = [self.kc.execute("globalThis.ranAfterFailure = true"), self.kc.execute("1 + 1")]
        self.assertEqual(self.shell_reply(failing)["content"]["status"], "error")
        self.assertEqual([self.shell_reply(q)["content"]["status"] for q in queued], ["aborted", "aborted"])
        self.read_iopub(lambda _: all(self.idle(q) for q in queued), "idle after the aborted cells")
        reply, msg_id = self.run_cell("typeof (globalThis as any).ranAfterFailure")
        self.assertEqual(self.result_text(msg_id), "'undefined'")

    def test_interrupt_stops_an_endless_stream_and_keeps_the_state(self):
        self.run_cell(
            "import { StreamEnvironment } from 'rivulet'\n"
            "const envI = new StreamEnvironment()\n"
            "const seen = { n: 0 }\n"
            "envI.fromGenerator((i: number) => i, { eventsPerSecond: 2000 }).addSink(() => { seen.n++ })"
        )
        msg_id = self.kc.execute("await envI.execute('endless')")
        self.read_iopub(lambda _: self.of(msg_id, "execute_input"), "the endless cell to start")
        self.km.interrupt_kernel()
        reply = self.shell_reply(msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
        self.read_iopub(lambda _: self.idle(msg_id), "idle after the interrupt")
        reply, after = self.run_cell("[seen.n > 0, typeof envI, envI.views().length]")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(self.result_text(after), "[ true, 'object', 0 ]")
        reply, again = self.run_cell("seen.n = 0\nawait envI.fromElements(1, 2, 3).collect()")
        self.assertEqual(self.result_text(again), "[ 1, 2, 3 ]")

    def test_a_message_with_a_bad_signature_is_not_executed(self):
        forged = Session(key=b"not-the-kernel-key", username="intruder")
        bad = forged.msg("execute_request", content={"code": "globalThis.forged = 'ran'", "silent": False,
                                                      "store_history": True, "user_expressions": {},
                                                      "allow_stdin": False, "stop_on_error": True})
        forged.send(self.kc.shell_channel.socket, bad)
        reply, msg_id = self.run_cell("typeof (globalThis as any).forged")
        self.assertEqual(self.result_text(msg_id), "'undefined'")
        self.assertEqual(self.of(bad["header"]["msg_id"]), [])
        self.assertTrue(self.kc.is_alive())


class RivuletKernelRestartTests(unittest.TestCase):
    def test_restart_starts_a_fresh_kernel(self):
        km, kc = start_new_kernel(kernel_name="rivulet", startup_timeout=60)
        try:
            kc.execute_interactive("const beforeRestart = 1", timeout=TIMEOUT)
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=60)
            results = []
            reply = kc.execute_interactive(
                "typeof beforeRestart",
                timeout=TIMEOUT,
                output_hook=lambda m: results.append(m) if m["msg_type"] == "execute_result" else None,
            )
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertEqual([m["content"]["data"]["text/plain"] for m in results], ["'undefined'"])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
            self.assertFalse(km.is_alive())


if __name__ == "__main__":
    unittest.main()
