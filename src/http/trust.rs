//! The certificate authorities a client trusts, as curl decides them:
//!
//! 1. the native store: the files named by `SSL_CERT_FILE` and `SSL_CERT_DIR`
//!    when either is set (as OpenSSL reads them), otherwise the system's store
//!    (on Linux the bundle and directory OpenSSL would use, e.g. `/etc/ssl/certs`;
//!    the keychain on macOS; the certificate store on Windows); `--no-ca-native`
//!    leaves it out;
//! 2. the Mozilla roots built into the tool, when the native store is left out
//!    and no `--cacert` is given, or when the system's store holds nothing (a
//!    bare container); a store named by `SSL_CERT_FILE` / `SSL_CERT_DIR` is taken
//!    as meant, even empty;
//! 3. the certificates in `--cacert`, always added.
//!
//! The native store is read once, on the first request, so reading a saved file
//! never touches it.

use std::path::Path;

use ureq::tls::{Certificate, PemItem};

use super::{ConfigError, Trust};

/// The roots in force and how the report names them.
pub(super) struct Roots {
    pub(super) certs: Vec<Certificate<'static>>,
    pub(super) trust: Trust,
}

/// The native store as the environment and the platform give it.
pub(super) struct Native {
    pub(super) certs: Vec<Certificate<'static>>,
    /// `SSL_CERT_FILE`, `SSL_CERT_DIR`, both joined by `+`, or `system`.
    pub(super) source: &'static str,
}

impl Native {
    /// Read the native store (see the module documentation).
    pub(super) fn load() -> Native {
        let file = std::env::var_os("SSL_CERT_FILE").is_some();
        let dir = std::env::var_os("SSL_CERT_DIR")
            .is_some_and(|d| std::env::split_paths(&d).any(|p| !p.as_os_str().is_empty()));
        let source = match (file, dir) {
            (true, true) => "SSL_CERT_FILE+SSL_CERT_DIR",
            (true, false) => "SSL_CERT_FILE",
            (false, true) => "SSL_CERT_DIR",
            (false, false) => "system",
        };
        // Unreadable entries are skipped, as OpenSSL skips them; what could be
        // read is used.
        let certs = rustls_native_certs::load_native_certs()
            .certs
            .iter()
            .map(|c| Certificate::from_der(c.as_ref()).to_owned())
            .collect();
        Native { certs, source }
    }
}

/// The roots for `native` (`None` with `--no-ca-native`) and `cacert`.
pub(super) fn roots(native: Option<Native>, cacert: &[Certificate<'static>]) -> Roots {
    let mut certs: Vec<Certificate<'static>> = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    let mut native_store = None;
    let bundled = match native {
        Some(native) if !native.certs.is_empty() || native.source != "system" => {
            certs.extend(native.certs);
            names.push("native");
            native_store = Some(native.source.to_string());
            false
        }
        // The system has no store at all.
        Some(_) => true,
        None => cacert.is_empty(),
    };
    if bundled {
        certs.extend(
            webpki_root_certs::TLS_SERVER_ROOT_CERTS
                .iter()
                .map(|c| Certificate::from_der(c.as_ref()).to_owned()),
        );
        names.push("bundled");
    }
    if !cacert.is_empty() {
        certs.extend(cacert.iter().cloned());
        names.push("cacert");
    }
    let trust = Trust {
        roots: names.join("+"),
        native_store,
        certificates: certs.len(),
    };
    Roots { certs, trust }
}

/// The certificates in a `--cacert` file: at least one, all valid PEM.
pub(super) fn read_cacert(path: &Path) -> Result<Vec<Certificate<'static>>, ConfigError> {
    let shown = path.display();
    let pem = std::fs::read(path).map_err(|e| {
        ConfigError(format!(
            "cannot read --cacert {shown}: {}",
            super::io_reason(&e)
        ))
    })?;
    let mut extra = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(PemItem::Certificate(c)) => extra.push(c),
            Ok(_) => {}
            Err(e) => {
                return Err(ConfigError(format!(
                    "--cacert {shown} is not valid PEM: {e}"
                )));
            }
        }
    }
    if extra.is_empty() {
        return Err(ConfigError(format!(
            "--cacert {shown} contains no PEM certificate"
        )));
    }
    Ok(extra)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn native(n: usize, source: &'static str) -> Option<Native> {
        let one = Certificate::from_der(
            webpki_root_certs::TLS_SERVER_ROOT_CERTS
                .first()
                .map(|c| c.as_ref())
                .unwrap_or(&[]),
        )
        .to_owned();
        Some(Native {
            certs: vec![one; n],
            source,
        })
    }

    fn cacert(n: usize) -> Vec<Certificate<'static>> {
        native(n, "system").map(|n| n.certs).unwrap_or_default()
    }

    #[test]
    fn the_order_of_the_stores() {
        let bundled = webpki_root_certs::TLS_SERVER_ROOT_CERTS.len();
        let t = roots(native(3, "system"), &[]).trust;
        assert_eq!((t.roots.as_str(), t.certificates), ("native", 3));
        assert_eq!(t.native_store.as_deref(), Some("system"));
        let t = roots(native(3, "SSL_CERT_FILE"), &cacert(1)).trust;
        assert_eq!((t.roots.as_str(), t.certificates), ("native+cacert", 4));
        assert_eq!(t.native_store.as_deref(), Some("SSL_CERT_FILE"));
        // An empty system store falls back to the bundled roots...
        let t = roots(native(0, "system"), &cacert(1)).trust;
        assert_eq!(t.roots, "bundled+cacert");
        assert_eq!(t.certificates, bundled + 1);
        assert_eq!(t.native_store, None);
        // ...but an empty store the user named is taken as meant.
        let t = roots(native(0, "SSL_CERT_DIR"), &[]).trust;
        assert_eq!((t.roots.as_str(), t.certificates), ("native", 0));
        // --no-ca-native: the bundled roots, or only --cacert.
        let t = roots(None, &[]).trust;
        assert_eq!((t.roots.as_str(), t.certificates), ("bundled", bundled));
        let t = roots(None, &cacert(2)).trust;
        assert_eq!((t.roots.as_str(), t.certificates), ("cacert", 2));
    }
}
