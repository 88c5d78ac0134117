//! The JSON contract of `--format json` (README "JSON output"), as types that
//! reject unknown fields: a test that deserialises the binary's output into them
//! pins the contract. Fields exist to be checked by deserialisation, so not every
//! one is read.
#![allow(dead_code)]

use assert_cmd::Command;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonReport {
    pub schema_version: u32,
    pub tool: JsonTool,
    pub target: JsonTarget,
    pub http: Option<JsonHttp>,
    pub document: Option<serde_json::Map<String, serde_json::Value>>,
    pub jwks: Option<JsonKeySet>,
    pub profiles: Vec<String>,
    /// Only with `--client` (and a document).
    #[serde(default)]
    pub clients: Vec<JsonClient>,
    /// Only for a saved document, when a check could not run.
    #[serde(default)]
    pub skipped: Vec<String>,
    pub findings: Vec<JsonFinding>,
    pub summary: JsonSummary,
    pub error: Option<JsonError>,
    pub config: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonClient {
    pub kind: String,
    pub ready: bool,
    pub errors: Vec<JsonNeed>,
    pub warnings: Vec<JsonNeed>,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct JsonNeed {
    pub rule: String,
    pub needs: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonTool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonTarget {
    pub input: String,
    pub discovery_url: Option<String>,
    pub well_known: String,
    pub expected_issuer: Option<JsonExpectedIssuer>,
    #[serde(default)]
    pub alternatives: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonExpectedIssuer {
    pub value: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonHttp {
    pub final_url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub content_encoding: Option<String>,
    pub access_control_allow_origin: Option<String>,
    pub x_frame_options: Option<String>,
    pub content_security_policy: Option<String>,
    pub elapsed_ms: u64,
    pub redirects: Vec<JsonHop>,
    pub tls_verified: Option<bool>,
    pub body_bytes: u64,
    pub trust: Option<JsonTrust>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonTrust {
    pub roots: String,
    pub native_store: Option<String>,
    pub certificates: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonKeySet {
    pub url: String,
    pub http: Option<JsonHttp>,
    pub keys: Option<Vec<JsonKey>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonKey {
    pub index: usize,
    pub kid: Option<String>,
    pub kty: Option<String>,
    pub alg: Option<String>,
    #[serde(rename = "use")]
    pub use_: Option<String>,
    pub key_ops: Option<Vec<String>>,
    pub bits: Option<u32>,
    pub crv: Option<String>,
    pub thumbprint: Option<String>,
    pub x5c_not_after: Option<String>,
    #[serde(default)]
    pub private_members: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonHop {
    pub url: String,
    pub status: u16,
    pub location: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonFinding {
    pub rule: String,
    pub severity: String,
    pub default_severity: Option<String>,
    pub pointer: String,
    pub message: String,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub spec: String,
    pub help: Option<String>,
    pub actual_value: Option<serde_json::Value>,
    #[serde(default)]
    pub baselined: bool,
    pub source: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub fingerprint: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonSummary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub fail_on: String,
    pub failed: bool,
    pub exit_code: u8,
    pub baselined: Option<usize>,
    pub fixed: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonError {
    pub kind: String,
    pub message: String,
    pub url: String,
    pub redirects: Vec<JsonHop>,
}

/// Every documented `error.kind` (README "JSON output").
pub const ERROR_KINDS: [&str; 17] = [
    "dns",
    "connect",
    "connect-timeout",
    "timeout",
    "tls",
    "too-large",
    "too-many-redirects",
    "insecure-redirect",
    "bad-redirect",
    "unsupported-encoding",
    "proxy",
    "protocol",
    "io",
    "bad-url",
    "http-status",
    "not-json-object",
    "file",
];

/// A report's error, if any, is of a documented kind.
pub fn assert_documented_error_kind(report: &JsonReport) {
    if let Some(e) = &report.error {
        assert!(
            ERROR_KINDS.contains(&e.kind.as_str()),
            "undocumented error kind {:?}",
            e.kind
        );
    }
}

/// Run and parse `--format json` output; stdout must be exactly one JSON object.
pub fn json_run(cmd: &mut Command) -> (JsonReport, i32) {
    let out = cmd.arg("--format").arg("json").output().expect("run");
    let text = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let report: JsonReport = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("stdout is not the JSON contract: {e}\n{text}"));
    assert_documented_error_kind(&report);
    (report, out.status.code().unwrap_or(-1))
}

/// `oidc-inspect rules --format json` as (id, declared severity) pairs, and the exit code.
pub fn rules_json() -> (Vec<(String, String)>, i32) {
    let out = crate::common::cli()
        .args(["rules", "--format", "json"])
        .output()
        .expect("run");
    let rules: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("rules --format json is a JSON array");
    let pairs = rules
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            (s("id"), s("severity"))
        })
        .collect();
    (pairs, out.status.code().unwrap_or(-1))
}
