// Why a step cannot run on DuckDB: thrown inside the compiler, turned into a BATCH_UNTRANSLATABLE RivuletError
// that names the step.
export class Untranslatable extends Error {}
