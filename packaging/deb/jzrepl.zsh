#compdef jzrepl
# zsh completion for jzrepl (installed as /usr/share/zsh/vendor-completions/_jzrepl): the bash
# completion generated from the CLI (subcommands, options, job names from the config), run by
# zsh's bash compatibility layer. picocli's script supports it: sourced under zsh it enables
# bashcompinit itself, and its `complete -F _complete_jzrepl` becomes a compdef for jzrepl.
# compopt (readline's options for one completion) has no zsh counterpart: a no-op.
(( $+functions[compopt] )) || compopt() { return 0; }
source /usr/share/bash-completion/completions/jzrepl || return 1
# This first call still runs here (compdef replaced this function for the calls after it).
_bash_complete -F _complete_jzrepl -o default
