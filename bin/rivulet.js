#!/usr/bin/env node
// The `rivulet` command. Rivulet is written in TypeScript and runs through tsx, registered here, so the
// command works from a clean install without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./rivulet-cli.ts');
process.exitCode = await main(process.argv.slice(2));
