
use builtin;
use str;

set edit:completion:arg-completer[oidc-inspect] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'oidc-inspect'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'oidc-inspect'= {
            cand --targets 'Read TARGETs from FILE, one a line (`#` starts a comment; `-` for stdin)'
            cand --file 'Read a document from FILE instead of fetching it (`-` for stdin; repeatable). `--well-known oauth` also applies to files'
            cand --jwks-file 'Check the key set in FILE instead of fetching `jwks_uri` (with one TARGET or one `--file`)'
            cand --expect-issuer 'The issuer the document must name (overrides what TARGET implies)'
            cand --well-known 'Which well-known document an issuer TARGET means: OpenID Connect Discovery (append `/.well-known/openid-configuration`) or RFC 8414 (insert `/.well-known/oauth-authorization-server` before the path)'
            cand --profile 'Add a profile (repeatable): oidc, oauth, dynamic, fapi2, oauth2.1, workload. Default: oidc for OpenID Provider documents, oauth otherwise'
            cand --client 'Check that a KIND of client can work with the issuer (repeatable). Adds the `client-KIND-*` rules; the report says whether each kind is ready and what is missing'
            cand --deny 'Report RULE (or every rule of a family prefix such as `bcp-`) as an error'
            cand --warn 'Report RULE (or a family prefix) as a warning'
            cand --allow 'Silence RULE (or a family prefix)'
            cand --baseline 'A saved JSON report whose findings are known: they are marked and do not fail the run; only new findings count'
            cand --write-baseline 'Write this run''s JSON report to FILE, to use as the next `--baseline`'
            cand -j 'Check at most N targets at once (1 = one after another)'
            cand --jobs 'Check at most N targets at once (1 = one after another)'
            cand --config 'Read settings and targets from FILE instead of the `oidc-inspect.toml` or `.oidc-inspect.toml` found in the current directory or its parents'
            cand --format 'table for people, json for scripts (jsonl: one report a line, as each target finishes), lint for CI logs, sarif for code scanning, github for pull-request annotations, junit for test-report views'
            cand -o 'Also write the report in FORMAT to PATH (repeatable; e.g. `-o sarif=oidc.sarif`). Each file is written whole or not at all'
            cand --output 'Also write the report in FORMAT to PATH (repeatable; e.g. `-o sarif=oidc.sarif`). Each file is written whole or not at all'
            cand --fail-on 'Exit 1 when a finding is at or above this severity'
            cand --min-severity 'Leave out findings below SEVERITY, in every format: they are not in the report at all, so its counts and the exit status describe only what is shown (`--min-severity error --fail-on warning` fails on errors only)'
            cand --color 'Colour: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never'
            cand --timeout 'Total time for one request, redirects and body included, in seconds'
            cand --connect-timeout 'Time to establish a connection, in seconds [default: none; --timeout still bounds the whole request]'
            cand --max-size 'Largest body accepted, after decompression'
            cand --cacert 'Also trust the certificates in FILE (PEM) as roots'
            cand --resolve 'Connect to ADDR for HOST:PORT, keeping HOST for TLS and the Host header (repeatable)'
            cand -H 'Extra request header (repeatable)'
            cand --header 'Extra request header (repeatable)'
            cand --user-agent 'User-Agent header'
            cand --proxy 'Proxy for every request: http://, https://, socks5:// or socks5h:// ('''' for none; otherwise http_proxy, https_proxy / HTTPS_PROXY, all_proxy / ALL_PROXY)'
            cand --noproxy 'Hosts to reach without a proxy, in place of NO_PROXY: comma-separated domains (names under them too), IP addresses, CIDR ranges, optional :PORT; ''*'' for all'
            cand --max-redirects 'Follow at most N redirects'
            cand --no-jwks 'Do not fetch `jwks_uri`: skip the key-set checks'
            cand --probe 'Also send the requests some rules need: cross-origin (CORS) GETs of the discovery document, `jwks_uri` and the authorization endpoint (whose answer is also checked for anti-framing headers) and, with `--client spa`, the token endpoint'
            cand --no-config 'Ignore any config file'
            cand --brief 'Table and lint: the verdict, errors and warnings only (no notes, no document members, no keys)'
            cand -q 'Print nothing; only the exit status tells'
            cand --quiet 'Print nothing; only the exit status tells'
            cand --ca-native 'Trust the system''s certificate store, or the one SSL_CERT_FILE / SSL_CERT_DIR name (the default)'
            cand --no-ca-native 'Do not trust the native store: trust only --cacert, or without it the Mozilla roots built into the tool'
            cand -k 'Do not verify the server''s certificate (the report says so, loudly)'
            cand --insecure 'Do not verify the server''s certificate (the report says so, loudly)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand rules 'List the rules: id, default severity, profile, summary'
            cand explain 'Explain a rule: what it checks, why, examples, spec references'
            cand manpage 'Print the manual page (roff) generated from these definitions'
            cand schema 'Print the JSON Schema of the JSON report'
            cand diff 'Show what changed between two snapshots of an issuer (exit 0: none, 1: some)'
            cand completions 'Print a shell completion script (see `--help` for where to install it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oidc-inspect;rules'= {
            cand --profile 'Only the rules of PROFILE'
            cand --severity 'Only rules declared at SEVERITY'
            cand --format 'table for people (honours COLUMNS), json for scripts, markdown for docs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'oidc-inspect;explain'= {
            cand --format 'text for people, json for scripts'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'oidc-inspect;manpage'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'oidc-inspect;schema'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'oidc-inspect;diff'= {
            cand --ignore 'Leave out the member at JSON POINTER and below (repeatable), e.g. for values that change on every fetch'
            cand --format 'table (or lint, the same lines) for people, json for scripts, jsonl for the same object on one line'
            cand --well-known 'Which well-known document an issuer TARGET means'
            cand --timeout 'Total time for one request, redirects and body included, in seconds'
            cand --connect-timeout 'Time to establish a connection, in seconds [default: none; --timeout still bounds the whole request]'
            cand --max-size 'Largest body accepted, after decompression'
            cand --cacert 'Also trust the certificates in FILE (PEM) as roots'
            cand --resolve 'Connect to ADDR for HOST:PORT, keeping HOST for TLS and the Host header (repeatable)'
            cand -H 'Extra request header (repeatable)'
            cand --header 'Extra request header (repeatable)'
            cand --user-agent 'User-Agent header'
            cand --proxy 'Proxy for every request: http://, https://, socks5:// or socks5h:// ('''' for none; otherwise http_proxy, https_proxy / HTTPS_PROXY, all_proxy / ALL_PROXY)'
            cand --noproxy 'Hosts to reach without a proxy, in place of NO_PROXY: comma-separated domains (names under them too), IP addresses, CIDR ranges, optional :PORT; ''*'' for all'
            cand --max-redirects 'Follow at most N redirects'
            cand --no-jwks 'Do not fetch the key sets of fetched sides'
            cand --ca-native 'Trust the system''s certificate store, or the one SSL_CERT_FILE / SSL_CERT_DIR name (the default)'
            cand --no-ca-native 'Do not trust the native store: trust only --cacert, or without it the Mozilla roots built into the tool'
            cand -k 'Do not verify the server''s certificate (the report says so, loudly)'
            cand --insecure 'Do not verify the server''s certificate (the report says so, loudly)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'oidc-inspect;completions'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oidc-inspect;help'= {
            cand rules 'List the rules: id, default severity, profile, summary'
            cand explain 'Explain a rule: what it checks, why, examples, spec references'
            cand manpage 'Print the manual page (roff) generated from these definitions'
            cand schema 'Print the JSON Schema of the JSON report'
            cand diff 'Show what changed between two snapshots of an issuer (exit 0: none, 1: some)'
            cand completions 'Print a shell completion script (see `--help` for where to install it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oidc-inspect;help;rules'= {
        }
        &'oidc-inspect;help;explain'= {
        }
        &'oidc-inspect;help;manpage'= {
        }
        &'oidc-inspect;help;schema'= {
        }
        &'oidc-inspect;help;diff'= {
        }
        &'oidc-inspect;help;completions'= {
        }
        &'oidc-inspect;help;help'= {
        }
    ]
    $completions[$command]
}
