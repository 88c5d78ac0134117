//! End-to-end tests: the built binary, driven as a user would, against files,
//! stdin and real loopback servers. One test binary keeps the build quick.

mod cli;
mod client;
mod common;
mod contract;
mod corpus;
mod coverage;
mod fetch;
mod fuzz;
mod hostile_input;
mod jwks;
mod many;
mod network;
mod newcomer;
mod pipeline;
mod probe;
mod profiles;
mod regressions;
mod reports;
mod schema;
mod table;
mod targets;
mod verdicts;
mod watch;
