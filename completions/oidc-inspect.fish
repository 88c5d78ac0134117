# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_oidc_inspect_global_optspecs
    string join \n targets= file= jwks-file= no-jwks expect-issuer= well-known= profile= probe deny= warn= allow= j/jobs= config= no-config format= fail-on= color= q/quiet timeout= connect-timeout= max-size= cacert= ca-native no-ca-native k/insecure resolve= H/header= user-agent= proxy= noproxy= max-redirects= h/help V/version
end

function __fish_oidc_inspect_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_oidc_inspect_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_oidc_inspect_using_subcommand
    set -l cmd (__fish_oidc_inspect_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l targets -d 'Read TARGETs from FILE, one a line (`#` starts a comment; `-` for stdin)' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l file -d 'Read a document from FILE instead of fetching it (`-` for stdin; repeatable). `--well-known oauth` also applies to files' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l jwks-file -d 'Check the key set in FILE instead of fetching `jwks_uri` (with one TARGET or one `--file`)' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l expect-issuer -d 'The issuer the document must name (overrides what TARGET implies)' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l well-known -d 'Which well-known document an issuer TARGET means: OpenID Connect Discovery (append `/.well-known/openid-configuration`) or RFC 8414 (insert `/.well-known/oauth-authorization-server` before the path)' -r -f -a "oidc\t''
oauth\t''"
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l profile -d 'Add a profile (repeatable): oidc, oauth, dynamic, fapi2, oauth2.1, workload. Default: oidc for OpenID Provider documents, oauth otherwise' -r -f -a "oidc\t''
oauth\t''
dynamic\t''
fapi2\t''
oauth2.1\t''
workload\t''"
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l deny -d 'Report RULE (or every rule of a family prefix such as `bcp-`) as an error' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l warn -d 'Report RULE (or a family prefix) as a warning' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l allow -d 'Silence RULE (or a family prefix)' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -s j -l jobs -d 'Check at most N targets at once (1 = one after another)' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l config -d 'Read settings and targets from FILE instead of the `oidc-inspect.toml` or `.oidc-inspect.toml` found in the current directory or its parents' -r -F
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l format -d 'table for people, json for scripts (jsonl: one report a line, as each target finishes), lint for CI' -r -f -a "table\t''
json\t''
jsonl\t''
lint\t''"
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l fail-on -d 'Exit 1 when a finding is at or above this severity' -r -f -a "error\t''
warning\t''
info\t''
never\t''"
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l color -d 'Colour: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l timeout -d 'Total time for one request, redirects and body included, in seconds' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l connect-timeout -d 'Time to establish a connection, in seconds' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l max-size -d 'Largest body accepted, after decompression' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l cacert -d 'Also trust the certificates in FILE (PEM) as roots' -r -F
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l resolve -d 'Connect to ADDR for HOST:PORT, keeping HOST for TLS and the Host header (repeatable)' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -s H -l header -d 'Extra request header (repeatable)' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l user-agent -d 'User-Agent header' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l proxy -d 'Proxy for every request: http://, https://, socks5:// or socks5h:// (\'\' for none; otherwise http_proxy, https_proxy / HTTPS_PROXY, all_proxy / ALL_PROXY)' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l noproxy -d 'Hosts to reach without a proxy, in place of NO_PROXY: comma-separated domains (names under them too), IP addresses, CIDR ranges, optional :PORT; \'*\' for all' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l max-redirects -d 'Follow at most N redirects' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l no-jwks -d 'Do not fetch `jwks_uri`: skip the key-set checks'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l probe -d 'Also send the requests some rules need: cross-origin (CORS) GETs of the discovery document, `jwks_uri` and the authorization endpoint'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l no-config -d 'Ignore any config file'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -s q -l quiet -d 'Print nothing; only the exit status tells'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l ca-native -d 'Trust the system\'s certificate store, or the one SSL_CERT_FILE / SSL_CERT_DIR name (the default)'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l no-ca-native -d 'Do not trust the native store: trust only --cacert, or without it the Mozilla roots built into the tool'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -s k -l insecure -d 'Do not verify the server\'s certificate (the report says so, loudly)'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -s V -l version -d 'Print version'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -a "rules" -d 'List every rule: id, default severity, profile, summary'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -a "explain" -d 'Explain one rule: what it checks, why, examples, spec references'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -a "completions" -d 'Print a shell completion script'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oidc-inspect -n "__fish_oidc_inspect_using_subcommand rules" -l format -r -f -a "table\t''
json\t''
markdown\t''"
complete -c oidc-inspect -n "__fish_oidc_inspect_using_subcommand rules" -s h -l help -d 'Print help'
complete -c oidc-inspect -n "__fish_oidc_inspect_using_subcommand explain" -l format -r -f -a "text\t''
json\t''"
complete -c oidc-inspect -n "__fish_oidc_inspect_using_subcommand explain" -s h -l help -d 'Print help'
complete -c oidc-inspect -n "__fish_oidc_inspect_using_subcommand completions" -s h -l help -d 'Print help'
complete -c oidc-inspect -n "__fish_oidc_inspect_using_subcommand help; and not __fish_seen_subcommand_from rules explain completions help" -f -a "rules" -d 'List every rule: id, default severity, profile, summary'
complete -c oidc-inspect -n "__fish_oidc_inspect_using_subcommand help; and not __fish_seen_subcommand_from rules explain completions help" -f -a "explain" -d 'Explain one rule: what it checks, why, examples, spec references'
complete -c oidc-inspect -n "__fish_oidc_inspect_using_subcommand help; and not __fish_seen_subcommand_from rules explain completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c oidc-inspect -n "__fish_oidc_inspect_using_subcommand help; and not __fish_seen_subcommand_from rules explain completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
