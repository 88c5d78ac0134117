//! The four fuzz targets' bodies, shared by the AFL binaries (`src/bin/`) and by
//! the replay of saved inputs (`tests/it/regressions.rs` in the main crate runs
//! the same checks through the library). Each function panics on a finding.

pub mod checks;
