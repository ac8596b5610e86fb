// Placeholder entry point; replaced by the package's real exports.
export {};
