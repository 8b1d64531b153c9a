#!/usr/bin/env bash
# Builds the edge agent as Native AOT single binaries:
#   out/agent/linux-x64/carmen-agent and out/agent/linux-arm64/carmen-agent (run from anywhere; paths are the repo's).
# Needs the .NET 10 SDK; x64 links with gcc or clang; arm64 is cross-linked with clang and Debian's aarch64 cross
# toolchain (apt-get install clang gcc-aarch64-linux-gnu). Pass the architectures to build only some: publish.sh x64
# Without arguments it builds what this machine can: the host's architecture always, the other when its toolchain is
# installed (saying so when it is not), and succeeds when the host's was built. Architectures named are required.
set -euo pipefail
cd "$(dirname "$0")/../.."

architectures=("$@")
required=${#architectures[@]}
[ "$required" -eq 0 ] && architectures=(x64 arm64)
skipped=()

clang=$(command -v clang || command -v clang-19 || command -v clang-16 || command -v clang-15 || command -v clang-14 || true)

for arch in "${architectures[@]}"; do
    rid="linux-$arch"
    extra=()
    if [ "$arch" = arm64 ] && [ "$(uname -m)" != aarch64 ]; then
        if [ -z "$clang" ] || ! command -v aarch64-linux-gnu-gcc >/dev/null; then
            echo "Cross-building for arm64 needs clang and gcc-aarch64-linux-gnu (apt-get install clang gcc-aarch64-linux-gnu)." >&2
            [ "$required" -gt 0 ] && exit 1
            skipped+=("$rid")
            continue
        fi
        extra=(-p:CppCompilerAndLinker="$clang" -p:ObjCopyName=aarch64-linux-gnu-objcopy)
    fi

    echo "== $rid"
    dotnet publish Carmen.EdgeAgent/Carmen.EdgeAgent.csproj -c Release -r "$rid" -o "out/agent/$rid" "${extra[@]}"
    rm -f "out/agent/$rid"/*.xml
    ls -l "out/agent/$rid/carmen-agent"
done

if [ ${#skipped[@]} -gt 0 ]; then
    echo "Skipped (toolchain not installed): ${skipped[*]}"
fi
