// The version and source commit a binary was built from, for `--version`. Defined in a file the
// build generates (cmake/BuildInfo.cmake) into the mn_build_info library, which the binaries link;
// the libraries do not, so a rebuild after a commit relinks only the binaries.
#pragma once

namespace mn {

const char* build_version();  // the project version, "0.1.0"
const char* build_commit();   // the commit, "a1b2c3d4e5f6" ("-dirty" if changed; "unknown")

}  // namespace mn
