//! TypeScript to JavaScript, token for token as `tsc` emits it for the project's options.
