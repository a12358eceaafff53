/// The version of relance, the one place it is written: `relance --version` and the man page
/// show it. Raise it with each release.
let relanceVersion = "0.1.0"
