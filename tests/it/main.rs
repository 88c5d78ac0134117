mod common;
mod fetch;
