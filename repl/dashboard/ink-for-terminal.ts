// Loads Ink for a real terminal. Ink decides once, when it is first loaded, whether it runs on a CI server
// (the CI or CONTINUOUS_INTEGRATION variable set); there it draws only the last frame, when the app ends,
// and a live dashboard would stay blank. A REPL whose output is a terminal is interactive whatever the
// environment says, so Ink is loaded here first with those variables hidden, and they are put back at once.
const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

export async function loadInkForTerminal(output: { isTTY?: boolean } = process.stdout): Promise<void> {
  if (output.isTTY !== true) {
    await import('ink');
    return;
  }
  const saved = CI_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const [name] of saved) delete process.env[name];
  try {
    await import('ink');
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}
