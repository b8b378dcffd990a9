# Sourced by the other scripts: the tools set-up installed, and Trunk kept offline.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk's update check calls the crate registry's web API, which is not reachable here.
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
