// Entry point (placeholder until the CLI lands).
process.stderr.write('codex: not implemented yet\n');
process.exit(1);
