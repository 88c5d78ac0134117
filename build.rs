//! Sets OIDC_INSPECT_VERSION: the package version, plus the git commit when
//! built from a checkout (`0.1.0 (abc1234)`), for `--version`.

use std::process::Command;

fn main() {
    let version = env!("CARGO_PKG_VERSION");
    let commit = Command::new("git")
        .args(["rev-parse", "--short=7", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit()));
    match commit {
        Some(c) => println!("cargo:rustc-env=OIDC_INSPECT_VERSION={version} ({c})"),
        None => println!("cargo:rustc-env=OIDC_INSPECT_VERSION={version}"),
    }
    // Rebuild when HEAD moves (a new commit or another branch).
    for path in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        if std::path::Path::new(path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
