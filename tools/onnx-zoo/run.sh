#!/usr/bin/env bash
# The torchvision zoo through cimlang, as a new user would take it: each model exported by PyTorch with
# random weights (tools/onnx-zoo/export.py, Debian's python3-torch 1.13 and python3-torchvision 0.14,
# installed here when missing; nothing is downloaded but Debian packages), then
#   cim import MODEL.onnx                       the network and its weights
#   cim compile zoo.cim                         mapped onto a large ReRAM chip (int8 weights), with and without pack
#   cim reference NAME.cim --onnx MODEL.onnx    the float engine against ONNX Runtime (bound 1e-4)
# and prints the table of docs/onnx.md. Exit 0 when every model passes all three, 1 otherwise,
# 2 when it could not run.
#   tools/onnx-zoo/run.sh [MODEL ...]           default: all; work files in tools/onnx-zoo/target
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$here/target"
py=/usr/bin/python3
models=("$@")
[ ${#models[@]} -eq 0 ] && models=(resnet18 resnet50 vgg11 alexnet mobilenet_v2 squeezenet1_0 densenet121 efficientnet_b0 bert_tiny lstm_kws gru_kws transformer_layer)

if ! "$py" -c 'import torch, torchvision' 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "onnx-zoo: installing python3-torch and python3-torchvision with apt-get" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-torchvision; } >&2 \
      || { echo "onnx-zoo: apt-get install failed" >&2; exit 2; }
  else
    echo "onnx-zoo: $py has no torch; install it: sudo apt-get install -y python3-torch python3-torchvision" >&2
    exit 2
  fi
fi
mkdir -p "$work"
"$py" "$here/export.py" "$work" "${models[@]}" >/dev/null || { echo "onnx-zoo: export.py failed" >&2; exit 2; }

cim="$repo/cim"
fail=0
rows=()
for m in "${models[@]}"; do
  dir="$work/$m"
  rm -rf "$dir" && mkdir -p "$dir"
  imp="FAIL"; cmp="-"; arrays="-"; packed="-"; diff="-"; largest="-"
  if "$cim" import "$work/$m.onnx" -o "$dir" --name "$m" >"$dir/import.log" 2>&1; then
    imp="ok"
    cat >"$dir/zoo.cim" <<CIM
/** $m on a large ReRAM chip: 8-bit weights in 2-bit cells of 256 x 256 arrays, 8-bit activations. */
chip Zoo {
    technology rram
    node 32 nm
    tiles 4096
    arrays per tile 64
    array 256 x 256 { cell bits 2 }
    adc bits 8
}

quantization Q8 for $m {
    weights int8
    activations uint8
}

mapping OnZoo for $m on Zoo with Q8 {
}

/** The same with the groups of grouped (depthwise) convolutions sharing arrays. */
mapping OnZooPacked for $m on Zoo with Q8 {
    pack
}
CIM
    count='import json,sys; p=json.load(open(sys.argv[1])); print("{:,}".format(p["totals"]["arraysAllocated"]))'
    if "$cim" compile "$dir/zoo.cim" --mapping OnZoo --format json >"$dir/program.json" 2>"$dir/compile.log" \
        && "$cim" compile "$dir/zoo.cim" --mapping OnZooPacked --format json >"$dir/packed.json" 2>>"$dir/compile.log"; then
      cmp="ok"
      arrays=$("$py" -c "$count" "$dir/program.json" 2>/dev/null || echo "?")
      packed=$("$py" -c "$count" "$dir/packed.json" 2>/dev/null || echo "?")
    else
      cmp="FAIL"
    fi
    ref=$("$cim" reference "$dir/$m.cim" --onnx "$work/$m.onnx" --samples 2 2>"$dir/reference.log")
    echo "$ref" >>"$dir/reference.log"
    diff=$(echo "$ref" | sed -n 's/.*max |diff| \([0-9.e+-]*\).*/\1/p')
    largest=$(echo "$ref" | sed -n 's/.*(largest |output| \([0-9.e+-]*\)).*/\1/p')
    echo "$ref" | grep -q "agrees" || { diff="${diff:-?} FAIL"; fail=1; }
  else
    fail=1
  fi
  [ "$cmp" = ok ] || fail=1
  rows+=("| $m | $imp | $cmp | $arrays | $packed | ${diff:--} | ${largest:--} |")
  echo "onnx-zoo: $m: import $imp, compile $cmp, arrays $arrays ($packed with pack), max |ORT - float| ${diff:--} (largest |output| ${largest:--})" >&2
done
echo "| model | import | compile | arrays | arrays, \`pack\` | max \|ORT - float\| | largest \|output\| |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
exit $fail
