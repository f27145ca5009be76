#!/usr/bin/env node
// The `kyoyaku` executable. A committed file, so package managers can link it before the
// TypeScript build has made dist/ (a workspace install links bins first); it only loads the build.
import "../dist/bin.js";
