#!/usr/bin/env python3
"""Runs the kernel corpus (tests/data/kernels/manifest.json) on a CUDA GPU and records its ground
truth: for every kernel and size it checks the wrapper's result against the torch reference, for
one representative size it saves the TTIR Triton produced and the launch context, and for a few
small sizes it saves the exact inputs, launch arguments and GPU outputs (for the CPU evaluator).

    python3 tools/device/run_corpus.py --check            # validate the manifest; no torch needed
    PYTHONUNBUFFERED=1 python3 tools/device/run_corpus.py --out "$OUT" [--only a,b] [--budget 420]

Everything it writes goes under --out: summary.txt, summary.json and corpus_results.tar.gz, which
holds tests/data/ttir/<category>/<name>.{ttir,launch.json} and tests/data/runs/<category>/<name>.json
with paths relative to the repository root (unpack it there). See docs/corpus.md.
"""
import argparse
import ast
import inspect
import json
import math
import os
import re
import sys
import tarfile
import time
import traceback
import types
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MANIFEST = os.path.join("tests", "data", "kernels", "manifest.json")
MANIFEST_SCHEMA = "tritonlift-corpus-manifest/1"
RUN_SCHEMA = "tritonlift-corpus-run/1"
LAUNCH_SCHEMA = "tritonlift-corpus-launch/1"

DTYPES = ("float32", "float16", "bfloat16", "int64", "int32", "bool")
DISTS = {
    "randn": (set(), {"scale", "shift"}),
    "rand": ({"low", "high"}, set()),
    "randint": ({"low", "high"}, set()),
    "bernoulli": ({"p"}, set()),
}
LAYOUTS = ("contiguous", "transposed", "strided_cols")
ENTRY_FIELDS = {
    "name": str, "category": str, "file": str, "kernel": str, "wrapper": str, "description": str,
    "idioms": list, "inputs": list, "args": dict, "sizes": list, "ttir_size": int, "run_sizes": list,
    "reference": str, "outputs": list, "tol": dict, "expect": str,
}
RUN_FILE_LIMIT = 200 * 1024
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|root|home|opt|usr|tmp|var|lib|lib64|mnt|srv|data)/[^\s\"')]*")


# ------------------------------------------------------------------------------------------
# Size expressions: shape entries are ints or small arithmetic over the size variables.
# ------------------------------------------------------------------------------------------
_ALLOWED_BINOPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
                   ast.Mult: lambda a, b: a * b, ast.FloorDiv: lambda a, b: a // b}


def eval_dim(expr, size):
    """Evaluates one shape entry (an int, or a string such as "2 * H" or "D // 2")."""
    if isinstance(expr, bool):
        raise ValueError(f"bad dimension {expr!r}")
    if isinstance(expr, int):
        return expr
    if not isinstance(expr, str):
        raise ValueError(f"bad dimension {expr!r}")

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
            return node.value
        if isinstance(node, ast.Name):
            if node.id not in size:
                raise ValueError(f"size variable {node.id!r} is not in the size {size}")
            return size[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _ALLOWED_BINOPS:
            return _ALLOWED_BINOPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        raise ValueError(f"unsupported dimension expression {expr!r}")

    return walk(ast.parse(expr, mode="eval"))


def eval_bound(value, size):
    """A distribution bound: a number, or a size expression (randint's high = "V")."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return eval_dim(value, size)


# ------------------------------------------------------------------------------------------
# Manifest validation (standard library only, so it also runs where torch is missing).
# ------------------------------------------------------------------------------------------
def _defined_functions(path):
    """Top-level function names of a kernel file, with the source text of their decorators."""
    with open(path) as f:
        tree = ast.parse(f.read(), filename=path)
    funcs = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            funcs[node.name] = [ast.unparse(d) for d in node.decorator_list]
    return funcs


def validate_manifest(manifest, repo=REPO):
    """Returns a list of error strings; empty when the manifest is well formed."""
    errors = []
    if not isinstance(manifest, dict):
        return ["manifest: the top level must be an object"]
    if manifest.get("schema") != MANIFEST_SCHEMA:
        errors.append(f"manifest: schema must be {MANIFEST_SCHEMA!r}")
    kernels = manifest.get("kernels")
    if not isinstance(kernels, list) or not kernels:
        return errors + ["manifest: 'kernels' must be a non-empty list"]
    seen = set()
    for i, e in enumerate(kernels):
        where = f"kernels[{i}]"
        if not isinstance(e, dict):
            errors.append(f"{where}: must be an object")
            continue
        where = f"kernels[{i}] ({e.get('name', '?')})"
        bad = False
        for field, typ in ENTRY_FIELDS.items():
            if field not in e:
                errors.append(f"{where}: missing field {field!r}")
                bad = True
            elif not isinstance(e[field], typ) or (typ is int and isinstance(e[field], bool)):
                errors.append(f"{where}: field {field!r} must be {typ.__name__}")
                bad = True
        if bad:
            continue
        errors += _validate_entry(e, where, seen, repo)
    return errors


def _validate_entry(e, where, seen, repo):
    errors = []
    if e["name"] in seen:
        errors.append(f"{where}: duplicate name")
    seen.add(e["name"])
    expected_file = f"tests/data/kernels/{e['category']}/{e['name']}.py"
    if e["file"] != expected_file:
        errors.append(f"{where}: file must be {expected_file!r}")
    path = os.path.join(repo, e["file"])
    if not os.path.isfile(path):
        errors.append(f"{where}: file {e['file']} does not exist")
    else:
        try:
            funcs = _defined_functions(path)
        except SyntaxError as exc:
            errors.append(f"{where}: {e['file']} does not parse: {exc}")
            funcs = {}
        if funcs:
            decos = funcs.get(e["kernel"])
            if decos is None:
                errors.append(f"{where}: kernel {e['kernel']!r} is not defined in {e['file']}")
            elif not any("jit" in d for d in decos):
                errors.append(f"{where}: kernel {e['kernel']!r} is not decorated with triton.jit")
            if e["wrapper"] not in funcs:
                errors.append(f"{where}: wrapper {e['wrapper']!r} is not defined in {e['file']}")
    if not e["sizes"] or not e["run_sizes"]:
        errors.append(f"{where}: sizes and run_sizes must be non-empty")
    if not 0 <= e["ttir_size"] < len(e["sizes"]):
        errors.append(f"{where}: ttir_size {e['ttir_size']} is not an index into sizes")
    names = set()
    for inp in e["inputs"]:
        errors += _validate_input(inp, where, names, e["sizes"] + e["run_sizes"])
    for key, value in e["args"].items():
        if not isinstance(value, (int, float, str, bool)) or value is None:
            errors.append(f"{where}: arg {key!r} must be a JSON scalar")
        if key in names:
            errors.append(f"{where}: arg {key!r} has the name of an input")
    if not e["outputs"]:
        errors.append(f"{where}: outputs must be non-empty")
    for out in e["outputs"]:
        if not isinstance(out, dict) or not isinstance(out.get("name"), str) or out.get("dtype") not in DTYPES:
            errors.append(f"{where}: each output needs a name and a dtype in {DTYPES}")
    tol = e["tol"]
    for key in ("atol", "rtol"):
        if not isinstance(tol.get(key), (int, float)) or tol.get(key) < 0:
            errors.append(f"{where}: tol.{key} must be a non-negative number")
    errors += _validate_reference(e["reference"], where)
    if e["expect"] not in ("pass", "fail"):
        errors.append(f"{where}: expect must be 'pass' or 'fail'")
    return errors


def _validate_input(inp, where, names, sizes):
    errors = []
    if not isinstance(inp, dict) or not isinstance(inp.get("name"), str):
        return [f"{where}: each input needs a name"]
    label = f"{where}: input {inp['name']!r}"
    if inp["name"] in names:
        errors.append(f"{label} is listed twice")
    names.add(inp["name"])
    if inp.get("dtype") not in DTYPES:
        errors.append(f"{label}: dtype must be one of {DTYPES}")
    shape = inp.get("shape")
    if not isinstance(shape, list) or not shape:
        errors.append(f"{label}: shape must be a non-empty list")
    else:
        for size in sizes:
            try:
                dims = [eval_dim(d, size) for d in shape]
                if any(d < 1 for d in dims):
                    errors.append(f"{label}: shape {shape} has an empty dimension at size {size}")
            except ValueError as exc:
                errors.append(f"{label}: {exc}")
    layout = inp.get("layout", "contiguous")
    if layout not in LAYOUTS:
        errors.append(f"{label}: layout must be one of {LAYOUTS}")
    elif layout != "contiguous" and isinstance(shape, list) and len(shape) != 2:
        errors.append(f"{label}: layout {layout!r} needs a 2-D shape")
    dist = inp.get("dist")
    if not isinstance(dist, dict) or dist.get("kind") not in DISTS:
        return errors + [f"{label}: dist.kind must be one of {sorted(DISTS)}"]
    required, optional = DISTS[dist["kind"]]
    extra = set(dist) - required - optional - {"kind"}
    missing = required - set(dist)
    if missing or extra:
        errors.append(f"{label}: dist {dist['kind']} needs {sorted(required)}, allows {sorted(optional)}")
    if dist["kind"] == "bernoulli" and inp.get("dtype") != "bool":
        errors.append(f"{label}: bernoulli inputs must be bool")
    if dist["kind"] == "randint" and inp.get("dtype") not in ("int64", "int32"):
        errors.append(f"{label}: randint inputs must be int64 or int32")
    if dist["kind"] in ("randn", "rand") and inp.get("dtype") not in ("float32", "float16", "bfloat16"):
        errors.append(f"{label}: {dist['kind']} inputs must be floating point")
    if dist["kind"] in ("rand", "randint") and not missing:
        for size in sizes:
            try:
                if not eval_bound(dist["low"], size) < eval_bound(dist["high"], size):
                    errors.append(f"{label}: empty range at size {size}")
            except ValueError as exc:
                errors.append(f"{label}: {exc}")
    return errors


def _validate_reference(src, where):
    try:
        if src.lstrip().startswith("def "):
            tree = ast.parse(src)
            if not any(isinstance(n, ast.FunctionDef) and n.name == "ref" for n in tree.body):
                return [f"{where}: a reference function must be named 'ref'"]
        else:
            ast.parse(src, mode="eval")
    except SyntaxError as exc:
        return [f"{where}: reference does not parse: {exc}"]
    return []


def load_manifest(path):
    with open(path) as f:
        return json.load(f)


# ------------------------------------------------------------------------------------------
# TTIR helpers (text only).
# ------------------------------------------------------------------------------------------
def split_top_level(text, sep=","):
    """Splits at sep outside (), [], {}, <> and quotes."""
    parts, depth, cur, quote = [], 0, [], False
    for ch in text:
        if ch == '"':
            quote = not quote
        elif not quote and ch in "([{<":
            depth += 1
        elif not quote and ch in ")]}>":
            depth -= 1
        if ch == sep and depth == 0 and not quote:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    if "".join(cur).strip():
        parts.append("".join(cur))
    return parts


def parse_ttir_signature(ttir, kernel_name):
    """The arguments of `tt.func ... @kernel_name(...)`: name, type and attributes of each."""
    m = re.search(r"tt\.func\s+(?:public\s+)?@" + re.escape(kernel_name) + r"\(", ttir)
    if not m:
        return None
    i, depth, quote = m.end(), 1, False
    start = i
    while i < len(ttir) and depth:
        ch = ttir[i]
        if ch == '"':
            quote = not quote
        elif not quote and ch == "(":
            depth += 1
        elif not quote and ch == ")":
            depth -= 1
        i += 1
    args = []
    for part in split_top_level(ttir[start:i - 1]):
        am = re.match(r"\s*%([\w$.\-]+)\s*:\s*(\S+)(?:\s*\{([^}]*)\})?", part)
        if not am:
            continue
        attrs = {}
        for item in split_top_level(am.group(3) or ""):
            kv = re.match(r"\s*([\w.]+)\s*=\s*(.+?)(?:\s*:\s*\w+)?\s*$", item)
            if kv:
                val = kv.group(2)
                attrs[kv.group(1)] = int(val) if re.fullmatch(r"-?\d+", val) else val
        args.append({"name": am.group(1), "type": am.group(2), "attrs": attrs})
    return args


def jsonable(obj):
    """Non-finite floats become the strings nan, inf, -inf so that the JSON stays strict."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return "nan" if math.isnan(obj) else ("inf" if obj > 0 else "-inf")
    if isinstance(obj, dict):
        return {k: jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    return obj


def relativize_paths(text, prefixes):
    """Replaces absolute prefixes (the repository, site-packages) and reports what is left."""
    for prefix, repl in prefixes:
        if prefix:
            text = text.replace(prefix.rstrip("/") + "/", repl)
    leaks = sorted(set(MACHINE_PATH.findall(text)))
    for leak in leaks:
        text = text.replace(leak, os.path.basename(leak))
    return text, leaks


# ------------------------------------------------------------------------------------------
# The GPU run.
# ------------------------------------------------------------------------------------------
class Capture:
    """Wraps JITFunction.run to see every launch: the bound arguments, the grid, the launch options
    and the CompiledKernel it returns; optionally copies the tensors' storages before the launch."""

    def __init__(self, torch, jit_cls):
        self.torch = torch
        self.launches = []
        self.snapshot = False
        self.buffers = {}
        original = jit_cls.run
        capture = self

        def run(fn_self, *args, **kwargs):
            rec = capture._bind(fn_self, args, kwargs)
            if capture.snapshot and rec is not None:
                for value in rec["bound"].values():
                    if capture.torch.is_tensor(value):
                        key = value.untyped_storage().data_ptr()
                        if key not in capture.buffers:
                            capture.buffers[key] = {"tensor": value, "before": capture.storage_copy(value)}
            kernel = original(fn_self, *args, **kwargs)
            if rec is not None:
                rec["kernel"] = kernel
                capture.launches.append(rec)
                del capture.launches[:-64]
            return kernel

        jit_cls.run = run

    def reset(self, snapshot=False):
        self.launches = []
        self.snapshot = snapshot
        self.buffers = {}

    def storage_copy(self, t):
        n = t.untyped_storage().nbytes() // t.element_size()
        return t.as_strided((n,), (1,), 0).detach().cpu().clone()

    def _bind(self, fn_self, args, kwargs):
        try:
            fn = fn_self.fn
            sig = inspect.signature(fn)
            params = sig.parameters
            bound = sig.bind(*args, **{k: v for k, v in kwargs.items() if k in params})
            bound.apply_defaults()
            options = {k: v for k, v in kwargs.items() if k not in params and k not in ("grid", "warmup")}
            constexprs = set()
            for p in getattr(fn_self, "params", []):
                if getattr(p, "is_constexpr", False):
                    constexprs.add(p.name)
            for name, p in params.items():
                if "constexpr" in str(p.annotation):
                    constexprs.add(name)
            grid = kwargs.get("grid")
            if callable(grid):
                grid = grid(dict(bound.arguments))
            grid = tuple(int(g) for g in grid) + (1,) * (3 - len(grid))
            return {"name": fn.__name__, "bound": dict(bound.arguments), "constexprs": constexprs,
                    "options": options, "grid": grid, "warmup": bool(kwargs.get("warmup", False))}
        except Exception:  # a launch we cannot describe is still launched
            return None


class Runner:
    def __init__(self, opts):
        import numpy as np
        import torch
        import triton
        from triton.runtime.jit import JITFunction

        self.np, self.torch, self.triton = np, torch, triton
        self.opts = opts
        self.capture = Capture(torch, JITFunction)
        self.device = torch.device("cuda")
        self.t0 = time.time()
        site = os.path.dirname(os.path.dirname(os.path.abspath(triton.__file__)))
        self.prefixes = [(os.path.realpath(REPO), ""), (REPO, ""), (os.path.realpath(site), ""), (site, "")]
        props = torch.cuda.get_device_properties(0)
        self.env = {
            "triton": triton.__version__, "torch": torch.__version__, "cuda": torch.version.cuda,
            "device": props.name, "capability": list(torch.cuda.get_device_capability(0)),
        }
        self.stage = os.path.join(opts.stage, "stage")
        self.path_leaks = []

    # --- inputs ---------------------------------------------------------------------------
    def make_input(self, spec, size, gen):
        torch = self.torch
        shape = [eval_dim(d, size) for d in spec["shape"]]
        layout = spec.get("layout", "contiguous")
        if layout == "transposed":
            base_shape = [shape[1], shape[0]]
        elif layout == "strided_cols":
            base_shape = [shape[0], 2 * shape[1]]
        else:
            base_shape = shape
        d = spec["dist"]
        kind = d["kind"]
        if kind == "randn":
            t = torch.randn(base_shape, generator=gen) * d.get("scale", 1.0) + d.get("shift", 0.0)
        elif kind == "rand":
            lo, hi = eval_bound(d["low"], size), eval_bound(d["high"], size)
            t = torch.rand(base_shape, generator=gen) * (hi - lo) + lo
        elif kind == "randint":
            lo, hi = eval_bound(d["low"], size), eval_bound(d["high"], size)
            t = torch.randint(int(lo), int(hi), base_shape, generator=gen)
        else:
            t = torch.rand(base_shape, generator=gen) < d["p"]
        t = t.to(getattr(torch, spec["dtype"])).to(self.device)
        if layout == "transposed":
            t = t.t()
        elif layout == "strided_cols":
            t = t[:, ::2]
        assert list(t.shape) == shape
        return t

    def make_inputs(self, entry, size, seed):
        gen = self.torch.Generator().manual_seed(seed)
        return {spec["name"]: self.make_input(spec, size, gen) for spec in entry["inputs"]}

    # --- reference and comparison ---------------------------------------------------------
    def reference(self, entry, inputs):
        torch = self.torch
        env = {"torch": torch, "F": torch.nn.functional, "math": math}
        ref_inputs = {k: (v.double() if v.is_floating_point() else v) for k, v in inputs.items()}
        src = entry["reference"]
        if src.lstrip().startswith("def "):
            ns = dict(env)
            exec(compile(src, f"<reference {entry['name']}>", "exec"), ns)
            result = ns["ref"](**ref_inputs, **entry["args"])
        else:
            result = eval(compile(src, f"<reference {entry['name']}>", "eval"), env, {**ref_inputs, **entry["args"]})
        return list(result) if isinstance(result, (tuple, list)) else [result]

    def compare(self, out, ref, tol, spec):
        torch = self.torch
        res = {"output": spec["name"]}
        if not torch.is_tensor(out):
            return dict(res, ok=False, error=f"wrapper returned {type(out).__name__}, not a tensor")
        if str(out.dtype).replace("torch.", "") != spec["dtype"]:
            return dict(res, ok=False, error=f"dtype {out.dtype}, manifest says {spec['dtype']}")
        if tuple(out.shape) != tuple(ref.shape):
            return dict(res, ok=False, error=f"shape {tuple(out.shape)} vs reference {tuple(ref.shape)}")
        o = out.detach().to(torch.float64)
        r = ref.detach().to(torch.float64).to(o.device)
        if o.numel() == 0:
            return dict(res, ok=True, max_abs=0.0, max_rel=0.0)
        both_nan = torch.isnan(o) & torch.isnan(r)
        diff = torch.where(both_nan, torch.zeros_like(o), (o - r).abs())
        diff = torch.where(torch.isnan(diff), torch.full_like(diff, math.inf), diff)
        rel = diff / r.abs().clamp_min(1e-30)
        ok = bool(torch.all(diff <= tol["atol"] + tol["rtol"] * r.abs()))
        return dict(res, ok=ok, max_abs=float(diff.max()), max_rel=float(torch.where(diff == 0, diff, rel).max()))

    # --- one kernel -------------------------------------------------------------------------
    def load_module(self, entry):
        rel = entry["file"]
        modname = "tlift_corpus_" + entry["category"] + "_" + entry["name"]
        with open(rel) as f:
            src = f.read()
        mod = types.ModuleType(modname)
        mod.__file__ = rel
        sys.modules[modname] = mod
        # Compiled under its repository-relative name, so Triton's loc() entries are relative.
        exec(compile(src, rel, "exec"), mod.__dict__)
        return mod

    def run_entry(self, entry):
        torch = self.torch
        result = {"name": entry["name"], "category": entry["category"], "sizes": [], "ttir": False,
                  "runs": 0, "errors": []}
        try:
            mod = self.load_module(entry)
            wrapper = getattr(mod, entry["wrapper"])
        except Exception as exc:
            result["errors"].append("load: " + "".join(traceback.format_exception_only(type(exc), exc)).strip())
            return result
        plan = []
        for i, size in enumerate(entry["sizes"]):
            plan.append((size, i == entry["ttir_size"], False))
        for size in entry["run_sizes"]:
            plan.append((size, False, True))
        run_cases = []
        for size, want_ttir, want_run in plan:
            seed = zlib.crc32(json.dumps([entry["name"], size], sort_keys=True).encode()) & 0x7FFFFFFF
            rec = {"size": size, "seed": seed, "role": "run" if want_run else ("ttir" if want_ttir else "test")}
            try:
                inputs = self.make_inputs(entry, size, seed)
                self.capture.reset()
                outs = self.call(wrapper, entry, inputs)
                refs = self.reference(entry, inputs)
                rec["checks"] = self.check_outputs(entry, outs, refs)
                rec["ok"] = all(c["ok"] for c in rec["checks"])
                if want_ttir:
                    self.write_ttir(entry, size, mod)
                    result["ttir"] = True
                if want_run:
                    run_cases.append(self.capture_run(entry, size, seed, wrapper, inputs, rec["checks"]))
            except Exception as exc:
                rec["ok"] = False
                rec["error"] = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)[-3:]).strip()
            result["sizes"].append(rec)
        if run_cases:
            self.write_runs(entry, run_cases)
            result["runs"] = len(run_cases)
        return result

    def call(self, wrapper, entry, inputs):
        outs = wrapper(*inputs.values(), **entry["args"])
        self.torch.cuda.synchronize()
        return list(outs) if isinstance(outs, (tuple, list)) else [outs]

    def check_outputs(self, entry, outs, refs):
        if len(outs) != len(entry["outputs"]) or len(refs) != len(entry["outputs"]):
            return [{"output": "*", "ok": False,
                     "error": f"{len(outs)} outputs, {len(refs)} reference values, manifest lists {len(entry['outputs'])}"}]
        return [self.compare(o, r, entry["tol"], spec) for o, r, spec in zip(outs, refs, entry["outputs"])]

    # --- TTIR and launch context ------------------------------------------------------------
    def last_launch(self, entry):
        for rec in reversed(self.capture.launches):
            if rec["name"] == entry["kernel"] and not rec["warmup"]:
                return rec
        raise RuntimeError(f"no launch of {entry['kernel']} was seen")

    def describe_args(self, rec, ttir_args, buffer_names=None):
        torch = self.torch
        by_name = {a["name"]: a for a in ttir_args or []}
        out = []
        for name, value in rec["bound"].items():
            d = {"name": name}
            if name in rec["constexprs"]:
                d["kind"] = "constexpr"
                d["value"] = value if isinstance(value, (int, float, str, bool)) or value is None else repr(value)
            elif torch.is_tensor(value):
                storage = value.untyped_storage().data_ptr()
                d.update(kind="tensor", dtype=str(value.dtype).replace("torch.", ""), shape=list(value.shape),
                         strides=list(value.stride()), offset=int(value.storage_offset()),
                         data_ptr_mod16=int(value.data_ptr() % 16))
                if buffer_names is not None:
                    d["buffer"] = buffer_names.get(storage)
            elif value is None:
                d["kind"] = "none"
            elif isinstance(value, bool):
                d.update(kind="bool", value=value)
            elif isinstance(value, int):
                d.update(kind="int", value=value)
            elif isinstance(value, float):
                d.update(kind="float", value=value if math.isfinite(value) else str(value))
            else:
                d.update(kind="other", value=repr(value))
            if d["kind"] != "constexpr" and ttir_args is not None:
                t = by_name.get(name)
                if t is None:
                    d["specialization"] = "equal_to_1" if d.get("value") == 1 and d["kind"] == "int" else "constexpr"
                else:
                    d["ttir_type"] = t["type"]
                    if t["attrs"]:
                        d["ttir_attrs"] = t["attrs"]
                    d["specialization"] = "divisible_by_16" if t["attrs"].get("tt.divisibility") == 16 else "none"
            out.append(d)
        return out

    def kernel_meta(self, kernel):
        meta = {}
        md = getattr(kernel, "metadata", None)
        for key in ("num_warps", "num_stages", "num_ctas", "shared", "maxnreg"):
            val = getattr(md, key, None) if md is not None else None
            if isinstance(val, (int, float)):
                meta[key] = val
        return meta

    def tuning_info(self, mod, entry):
        """Autotune configs (and the one picked) and heuristics names, walking the decorators."""
        obj = getattr(mod, entry["kernel"])
        info = {}
        for _ in range(4):
            if hasattr(obj, "configs"):
                info["autotune_configs"] = [self.config_dict(c) for c in obj.configs]
                best = getattr(obj, "best_config", None)
                if best is not None:
                    info["autotune_best"] = self.config_dict(best)
                info["autotune_key"] = list(getattr(obj, "keys", None) or [])
            values = getattr(obj, "values", None)
            if isinstance(values, dict):
                info["heuristics"] = sorted(values)
            nxt = getattr(obj, "fn", None)
            if nxt is None or not hasattr(nxt, "run"):
                break
            obj = nxt
        return info

    @staticmethod
    def config_dict(cfg):
        d = {"kwargs": dict(getattr(cfg, "kwargs", {}))}
        for key in ("num_warps", "num_stages", "num_ctas"):
            val = getattr(cfg, key, None)
            if isinstance(val, int):
                d[key] = val
        return d

    def write_ttir(self, entry, size, mod):
        rec = self.last_launch(entry)
        kernel = rec["kernel"]
        ttir = kernel.asm["ttir"]
        ttir, leaks = relativize_paths(ttir, self.prefixes)
        if leaks:
            self.path_leaks.append((entry["name"], leaks))
        if entry["file"] not in ttir:
            self.path_leaks.append((entry["name"], [f"the TTIR does not name {entry['file']}"]))
        sig = parse_ttir_signature(ttir, entry["kernel"])
        args = self.describe_args(rec, sig)
        launch = {
            "schema": LAUNCH_SCHEMA,
            "name": entry["name"], "category": entry["category"], "file": entry["file"],
            "kernel": entry["kernel"], "size": size, "grid": list(rec["grid"]),
            "launch_options": {k: v for k, v in rec["options"].items() if isinstance(v, (int, float, str, bool))},
            "compiled": self.kernel_meta(kernel),
            "constexprs": {a["name"]: a["value"] for a in args if a["kind"] == "constexpr"},
            "args": args,
            "specialization": {
                "equal_to_1": [a["name"] for a in args if a.get("specialization") == "equal_to_1"],
                "divisible_by_16": [a["name"] for a in args if a.get("specialization") == "divisible_by_16"],
            },
            "ttir_signature": sig,
            "environment": self.env,
        }
        launch.update(self.tuning_info(mod, entry))
        base = os.path.join(self.stage, "tests", "data", "ttir", entry["category"])
        os.makedirs(base, exist_ok=True)
        with open(os.path.join(base, entry["name"] + ".ttir"), "w") as f:
            f.write(ttir)
        text, leaks = relativize_paths(json.dumps(jsonable(launch), indent=1, allow_nan=False), self.prefixes)
        if leaks:
            self.path_leaks.append((entry["name"] + ".launch.json", leaks))
        with open(os.path.join(base, entry["name"] + ".launch.json"), "w") as f:
            f.write(text + "\n")

    # --- ground-truth runs ------------------------------------------------------------------
    def encode(self, t):
        """Exact values: each float as the shortest decimal that strtof reads back to exactly the
        float32 holding it (float16 and bfloat16 values are exact float32 values, so narrowing that
        float32 gives the stored value back); non-finite values as the strings nan, inf, -inf."""
        torch, np = self.torch, self.np
        t = t.detach().cpu().reshape(-1)
        if t.dtype == torch.bool or not t.is_floating_point():
            return [int(v) for v in t.tolist()]
        vals = []
        for v in t.to(torch.float32).numpy().tolist():
            if math.isfinite(v):
                vals.append(float(str(np.float32(v))))
            else:
                vals.append("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf"))
        return vals

    @staticmethod
    def view_desc(t, buffer):
        return {"buffer": buffer, "dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
                "strides": list(t.stride()), "offset": int(t.storage_offset())}

    def capture_run(self, entry, size, seed, wrapper, inputs, checks):
        torch = self.torch
        self.capture.reset(snapshot=True)
        outs = self.call(wrapper, entry, inputs)
        self.capture.snapshot = False
        names = {}
        for name, t in inputs.items():
            names.setdefault(t.untyped_storage().data_ptr(), name)
        input_keys = set(names)
        for spec, t in zip(entry["outputs"], outs):
            names.setdefault(t.untyped_storage().data_ptr(), spec["name"])
        buffers = {}
        scratch = 0
        for key, buf in self.capture.buffers.items():
            if key not in names:
                names[key] = f"scratch{scratch}"
                scratch += 1
            name = names[key]
            before = buf["before"]
            after = self.capture.storage_copy(buf["tensor"])
            b = {"dtype": str(before.dtype).replace("torch.", ""), "numel": before.numel()}
            changed = not torch.equal(before, after)
            if key in input_keys:
                b.update(role="input", before=self.encode(before))
                if changed:
                    b["after"] = self.encode(after)
            elif name.startswith("scratch"):
                b.update(role="scratch", before=self.encode(before), after=self.encode(after))
            else:
                zero = bool((before == 0).all())
                b.update(role="output", init="zeros" if zero else "uninitialized")
                if zero:
                    b["before"] = self.encode(before)
                b["after"] = self.encode(after)
            buffers[name] = b
        launches = []
        for rec in self.capture.launches:
            launches.append({
                "kernel": rec["name"], "grid": list(rec["grid"]),
                "launch_options": {k: v for k, v in rec["options"].items() if isinstance(v, (int, float, str, bool))},
                "compiled": self.kernel_meta(rec["kernel"]),
                "args": self.describe_args(rec, None, names),
            })
        if not launches:
            raise RuntimeError("the wrapper launched no kernel")
        return {
            "size": size, "seed": seed, "args": entry["args"],
            "inputs": {n: self.view_desc(t, names[t.untyped_storage().data_ptr()]) for n, t in inputs.items()},
            "outputs": {spec["name"]: self.view_desc(t, names[t.untyped_storage().data_ptr()])
                        for spec, t in zip(entry["outputs"], outs)},
            "launches": launches,
            "buffers": buffers,
            "gpu_vs_torch": checks,
        }

    def write_runs(self, entry, cases):
        doc = {"schema": RUN_SCHEMA, "name": entry["name"], "category": entry["category"], "file": entry["file"],
               "kernel": entry["kernel"], "wrapper": entry["wrapper"], "environment": self.env, "cases": cases}
        text = json.dumps(jsonable(doc), separators=(",", ":"), allow_nan=False)
        text, leaks = relativize_paths(text, self.prefixes)
        if leaks:
            self.path_leaks.append((entry["name"] + " run", leaks))
        if len(text) > RUN_FILE_LIMIT:
            raise RuntimeError(f"run file of {entry['name']} is {len(text)} bytes, over {RUN_FILE_LIMIT}")
        base = os.path.join(self.stage, "tests", "data", "runs", entry["category"])
        os.makedirs(base, exist_ok=True)
        with open(os.path.join(base, entry["name"] + ".json"), "w") as f:
            f.write(text + "\n")


# ------------------------------------------------------------------------------------------
# Summary and packing.
# ------------------------------------------------------------------------------------------
def summarize(results, env, elapsed, leaks):
    lines = [f"corpus run: {env}", f"elapsed: {elapsed:.1f} s", ""]
    header = f"{'kernel':<28} {'category':<12} {'sizes':>5} {'ok':>4} {'max_abs':>10} {'max_rel':>10} {'ttir':>4} {'runs':>4}  status"
    lines += [header, "-" * len(header)]
    n_pass = 0
    for r in results:
        sizes = r["sizes"]
        ok = sum(1 for s in sizes if s.get("ok"))
        checks = [c for s in sizes for c in s.get("checks", []) if "max_abs" in c]
        max_abs = max((c["max_abs"] for c in checks), default=float("nan"))
        max_rel = max((c["max_rel"] for c in checks), default=float("nan"))
        if r.get("skipped"):
            status = "SKIP (time budget)"
        elif r["errors"] or any("error" in s for s in sizes):
            status = "ERROR"
        elif ok == len(sizes) and sizes:
            status = "PASS"
        else:
            status = "FAIL"
        r["status"] = status
        n_pass += status == "PASS"
        lines.append(f"{r['name']:<28} {r['category']:<12} {len(sizes):>5} {ok:>4} {max_abs:>10.3g} {max_rel:>10.3g} "
                     f"{'yes' if r['ttir'] else 'no':>4} {r['runs']:>4}  {status}")
    lines += ["", f"{n_pass} of {len(results)} kernels pass on every size", ""]
    for r in results:
        for e in r["errors"]:
            lines.append(f"{r['name']}: {e}")
        for s in r["sizes"]:
            if "error" in s:
                lines.append(f"{r['name']} size {s['size']}: {s['error']}")
            for c in s.get("checks", []):
                if not c["ok"]:
                    lines.append(f"{r['name']} size {s['size']} output {c['output']}: "
                                 + (c.get("error") or f"max_abs {c['max_abs']:.3g} max_rel {c['max_rel']:.3g}"))
    for name, items in leaks:
        lines.append(f"path leak in {name}: {items}")
    return "\n".join(lines) + "\n"


def pack(stage, out_dir):
    path = os.path.join(out_dir, "corpus_results.tar.gz")
    with tarfile.open(path, "w:gz") as tar:
        root = os.path.join(stage, "stage")
        if os.path.isdir(root):
            for entry in sorted(os.listdir(root)):
                tar.add(os.path.join(root, entry), arcname=entry)
    return path


def main():
    ap = argparse.ArgumentParser(description="Run the kernel corpus on a GPU (see docs/corpus.md).")
    ap.add_argument("--manifest", default=MANIFEST)
    ap.add_argument("--out", default=os.environ.get("OUT", "out/corpus"))
    ap.add_argument("--stage", default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--only", default="", help="comma-separated kernel names")
    ap.add_argument("--category", default="", help="comma-separated categories")
    ap.add_argument("--budget", type=float, default=420.0, help="seconds after which kernels are skipped")
    ap.add_argument("--check", action="store_true", help="validate the manifest and exit (no torch needed)")
    opts = ap.parse_args()

    os.chdir(REPO)
    manifest = load_manifest(opts.manifest)
    errors = validate_manifest(manifest)
    for e in errors:
        print("manifest:", e, file=sys.stderr)
    if errors:
        return 2
    entries = manifest["kernels"]
    print(f"manifest ok: {len(entries)} kernels")
    if opts.check:
        return 0
    if opts.only:
        wanted = set(opts.only.split(","))
        unknown = wanted - {e["name"] for e in entries}
        if unknown:
            print(f"unknown kernels: {sorted(unknown)}", file=sys.stderr)
            return 2
        entries = [e for e in entries if e["name"] in wanted]
    if opts.category:
        cats = set(opts.category.split(","))
        entries = [e for e in entries if e["category"] in cats]

    import tempfile
    opts.stage = opts.stage or tempfile.mkdtemp(prefix="corpus_")
    os.makedirs(opts.out, exist_ok=True)
    runner = Runner(opts)
    print("environment:", runner.env)
    results = []
    for entry in entries:
        if time.time() - runner.t0 > opts.budget:
            results.append({"name": entry["name"], "category": entry["category"], "sizes": [], "ttir": False,
                            "runs": 0, "errors": [], "skipped": True})
            continue
        t = time.time()
        r = runner.run_entry(entry)
        r["seconds"] = round(time.time() - t, 2)
        ok = sum(1 for s in r["sizes"] if s.get("ok"))
        print(f"{entry['name']:<28} {ok}/{len(r['sizes'])} sizes ok, ttir={r['ttir']}, runs={r['runs']}, "
              f"{r['seconds']} s" + ("".join(f"\n  {e}" for e in r["errors"])))
        for s in r["sizes"]:
            if not s.get("ok"):
                print(f"  size {s['size']}: " + (s.get("error") or json.dumps(s.get("checks"))))
        results.append(r)
    elapsed = time.time() - runner.t0
    text = summarize(results, runner.env, elapsed, runner.path_leaks)
    print(text)
    with open(os.path.join(opts.out, "summary.txt"), "w") as f:
        f.write(text)
    with open(os.path.join(opts.out, "summary.json"), "w") as f:
        json.dump(jsonable({"environment": runner.env, "elapsed_s": elapsed, "results": results,
                            "path_leaks": runner.path_leaks}), f, indent=1, default=str)
    print("packed", pack(opts.stage, opts.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
