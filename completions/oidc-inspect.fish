# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_oidc_inspect_global_optspecs
    string join \n file= jwks-file= no-jwks expect-issuer= well-known= profile= probe deny= warn= allow= format= fail-on= min-severity= brief color= q/quiet timeout= connect-timeout= max-size= cacert= k/insecure resolve= H/header= user-agent= proxy= max-redirects= h/help V/version
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

complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l file -d 'Read the document from FILE instead of fetching it (`-` for stdin)' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l jwks-file -d 'Check the key set in FILE instead of fetching `jwks_uri` (also with `--file`)' -r
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
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l format -d 'table for people, json for scripts, lint for CI' -r -f -a "table\t''
json\t''
lint\t''"
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l fail-on -d 'Exit 1 when a finding is at or above this severity' -r -f -a "error\t''
warning\t''
info\t''
never\t''"
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l min-severity -d 'Leave out findings below SEVERITY, in every format: they are not in the report at all, so its counts and the exit status describe only what is shown (`--min-severity error --fail-on warning` fails on errors only)' -r -f -a "info\t''
warning\t''
error\t''"
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
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l proxy -d 'Proxy URL (otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment)' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l max-redirects -d 'Follow at most N redirects' -r
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l no-jwks -d 'Do not fetch `jwks_uri`: skip the key-set checks'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l probe -d 'Also send the requests some rules need: cross-origin (CORS) GETs of the discovery document, `jwks_uri` and the authorization endpoint'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -l brief -d 'Table and lint: the verdict, errors and warnings only (no notes, no document members, no keys)'
complete -c oidc-inspect -n "__fish_oidc_inspect_needs_command" -s q -l quiet -d 'Print nothing; only the exit status tells'
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
