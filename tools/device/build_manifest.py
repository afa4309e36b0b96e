#!/usr/bin/env python3
"""Writes tests/data/kernels/manifest.json, the list of corpus kernels with their test inputs,
sizes, torch references and tolerances (schema: docs/corpus.md).

The entries are written here as Python so that shared size sets and input shapes are spelled
once; the JSON file is what every consumer reads. Run from anywhere:

    python3 tools/device/build_manifest.py          # rewrite the manifest
    python3 tools/device/build_manifest.py --check  # fail if the manifest is out of date

Needs only the Python standard library.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MANIFEST = os.path.join("tests", "data", "kernels", "manifest.json")
SCHEMA = "tritonlift-corpus-manifest/1"

# --- shared size sets ------------------------------------------------------------------------
# 1-D kernels use blocks of 256..2048: 4096 is a multiple of each, 5000 is not, 1000 is smaller
# than the largest block, 1 is the degenerate launch.
VEC = [{"n": 4096}, {"n": 5000}, {"n": 1000}, {"n": 1}]
VEC_RUN = [{"n": 37}, {"n": 128}, {"n": 1}]
# Row kernels (M rows of N columns): N = 1024 is a multiple of every block, 1000 and 3000 are
# not (3000 also needs several loop iterations), 100 is smaller than the looped blocks, 1x1.
ROWS = [{"M": 64, "N": 1024}, {"M": 33, "N": 1000}, {"M": 7, "N": 100}, {"M": 1, "N": 1}, {"M": 4, "N": 3000}]
ROWS_RUN = [{"M": 3, "N": 37}, {"M": 5, "N": 128}, {"M": 1, "N": 1}]
# 2-D tiles (blocks of 16..128 on each side).
TILES = [{"M": 64, "N": 128}, {"M": 33, "N": 100}, {"M": 5, "N": 7}, {"M": 1, "N": 1}, {"M": 130, "N": 300}]
TILES_RUN = [{"M": 3, "N": 37}, {"M": 5, "N": 128}, {"M": 1, "N": 1}]
MATMUL = [{"M": 128, "N": 128, "K": 64}, {"M": 100, "N": 90, "K": 70}, {"M": 257, "N": 129, "K": 300},
          {"M": 1, "N": 1, "K": 1}]
MATMUL_RUN = [{"M": 5, "N": 19, "K": 37}, {"M": 16, "N": 16, "K": 16}, {"M": 1, "N": 1, "K": 1}]

TOL_EXACT = {"atol": 0.0, "rtol": 0.0}
TOL_ELEM = {"atol": 1e-6, "rtol": 1e-6}
TOL_MATH = {"atol": 1e-5, "rtol": 1e-5}
TOL_RED = {"atol": 1e-4, "rtol": 1e-4}
TOL_FP16 = {"atol": 2e-3, "rtol": 2e-3}
TOL_BF16 = {"atol": 2e-2, "rtol": 1e-2}


def t(name, shape, dtype="float32", dist="randn", layout=None, **params):
    """One input tensor: its shape (ints or size expressions), dtype and distribution."""
    d = {"kind": dist}
    d.update(params)
    spec = {"name": name, "shape": shape, "dtype": dtype, "dist": d}
    if layout:
        spec["layout"] = layout
    return spec


def o(name, dtype="float32"):
    return {"name": name, "dtype": dtype}


def k(name, category, kernel, wrapper, description, idioms, inputs, reference, outputs, sizes,
      run_sizes, tol, args=None, ttir_size=1, notes=None, expect="pass"):
    entry = {
        "name": name,
        "category": category,
        "file": f"tests/data/kernels/{category}/{name}.py",
        "kernel": kernel,
        "wrapper": wrapper,
        "description": description,
        "idioms": idioms,
        "inputs": inputs,
        "args": args or {},
        "sizes": sizes,
        "ttir_size": ttir_size,
        "run_sizes": run_sizes,
        "reference": reference,
        "outputs": outputs,
        "tol": tol,
        "expect": expect,
    }
    if notes:
        entry["notes"] = notes
    return entry


def vec1(name, kernel, wrapper, description, idioms, reference, tol=TOL_MATH, args=None, dist="randn", **dp):
    """A 1-D elementwise kernel over one input x."""
    return k(name, "elementwise", kernel, wrapper, description, idioms,
             [t("x", ["n"], dist=dist, **dp)], reference, [o("out")], VEC, VEC_RUN, tol, args=args)


def elementwise():
    mask_1d = ["1-D blocks", "masks"]
    return [
        k("add", "elementwise", "add_kernel", "add", "x + y", mask_1d + ["grid lambda"],
          [t("x", ["n"]), t("y", ["n"])], "x + y", [o("out")], VEC, VEC_RUN, TOL_ELEM),
        k("axpy", "elementwise", "axpy_kernel", "axpy", "alpha * x + y (the sub_scalar_mul item)",
          mask_1d + ["masks with other", "scalar float arg", "autotune"],
          [t("x", ["n"]), t("y", ["n"])], "alpha * x + y", [o("out")], VEC, VEC_RUN, TOL_ELEM,
          args={"alpha": 0.5}),
        vec1("relu", "relu_kernel", "relu", "max(x, 0)", mask_1d + ["masks with other", "do_not_specialize"],
             "torch.relu(x)", TOL_EXACT),
        vec1("leaky_relu", "leaky_relu_kernel", "leaky_relu", "x if x >= 0 else slope * x",
             mask_1d + ["tl.where", "scalar float arg"], "F.leaky_relu(x, negative_slope)", TOL_ELEM,
             args={"negative_slope": 0.1}),
        vec1("gelu_erf", "gelu_erf_kernel", "gelu_erf", "exact GELU with erf",
             mask_1d + ["tl.math.erf", "casts", "element_ty"], "F.gelu(x)", TOL_MATH, scale=3.0),
        vec1("gelu_tanh", "gelu_tanh_kernel", "gelu_tanh", "tanh-approximated GELU",
             mask_1d + ["libdevice.tanh"], "F.gelu(x, approximate='tanh')", TOL_MATH, scale=3.0),
        vec1("silu", "silu_kernel", "silu", "x * sigmoid(x)", mask_1d + ["tl.sigmoid", "casts"],
             "F.silu(x)", TOL_MATH, scale=3.0),
        vec1("sigmoid", "sigmoid_kernel", "sigmoid", "1 / (1 + exp(-x))",
             mask_1d + ["from triton import language as tl", "tl.exp"], "torch.sigmoid(x)", TOL_MATH,
             scale=4.0),
        vec1("softplus", "softplus_kernel", "softplus", "softplus with beta and threshold",
             mask_1d + ["tl.where", "tl.log", "tl.exp", "scalar float args"],
             "F.softplus(x, beta=beta, threshold=threshold)", TOL_MATH,
             args={"beta": 2.0, "threshold": 10.0}, scale=4.0),
        vec1("clamp", "clamp_kernel", "clamp", "clamp into [min_val, max_val]", mask_1d + ["tl.clamp"],
             "torch.clamp(x, min_val, max_val)", TOL_EXACT, args={"min_val": -0.5, "max_val": 0.75}),
        k("masked_fill", "elementwise", "masked_fill_kernel", "masked_fill", "value where mask else x",
          mask_1d + ["bool tensor", "tl.where", "masks with other"],
          [t("x", ["n"]), t("mask", ["n"], dtype="bool", dist="bernoulli", p=0.3)],
          "x.masked_fill(mask, value)", [o("out")], VEC, VEC_RUN, TOL_EXACT, args={"value": -10000.0}),
        vec1("exp2_exp", "exp_kernel", "exp_via_exp2", "exp(x) as exp2(x * log2(e))",
             mask_1d + ["tl.exp2", "global tl.constexpr"], "torch.exp(x)", TOL_MATH),
        k("strided_2d", "elementwise", "scale_add_2d_kernel", "scale_add_2d",
          "alpha * x + y on 2-D views of any strides (x transposed, y every other column)",
          ["2-D tiles", "[:, None]", "strides", "masks with other", "program_id(1)"],
          [t("x", ["M", "N"], layout="transposed"), t("y", ["M", "N"], layout="strided_cols")],
          "alpha * x + y", [o("out")], TILES, TILES_RUN, TOL_ELEM, args={"alpha": 2.0}),
        k("cast_fp16", "elementwise", "scale_cast_kernel", "scale_cast_fp16",
          "fp16 in, fp32 compute, fp16 out: x * scale + shift", mask_1d + ["casts", "fp16"],
          [t("x", ["n"], dtype="float16")], "x * scale + shift", [o("out", "float16")], VEC, VEC_RUN,
          TOL_FP16, args={"scale": 0.5, "shift": 0.25}),
    ]


def broadcast():
    return [
        k("add_bias_rows", "broadcast", "add_bias_kernel", "add_bias_rows", "x + bias[None, :]",
          ["2-D tiles", "[None, :]", "masks with other", "strides"],
          [t("x", ["M", "N"]), t("bias", ["N"])], "x + bias[None, :]", [o("out")], ROWS, ROWS_RUN, TOL_ELEM),
        k("scale_rows", "broadcast", "scale_rows_kernel", "scale_rows", "x * scale[:, None]",
          ["[:, None]", "loop over columns", "masks with other", "strides"],
          [t("x", ["M", "N"]), t("scale", ["M"])], "x * scale[:, None]", [o("out")], ROWS, ROWS_RUN, TOL_ELEM),
        k("outer_add", "broadcast", "outer_add_kernel", "outer_add", "a[:, None] + b[None, :]",
          ["[:, None]", "[None, :]", "2-D grid", "grid lambda"],
          [t("a", ["M"]), t("b", ["N"])], "a[:, None] + b[None, :]", [o("out")], TILES, TILES_RUN, TOL_ELEM),
    ]


def reduce_():
    red = ["reduction", "masks with other"]
    loop = ["loop over columns"]
    return [
        k("row_sum", "reduce", "row_sum_kernel", "row_sum", "sum of each row, one block per row",
          red + ["next_power_of_2"], [t("x", ["M", "N"])], "x.sum(dim=1)", [o("out")], ROWS, ROWS_RUN, TOL_RED),
        k("row_sum_loop", "reduce", "row_sum_loop_kernel", "row_sum_loop",
          "sum of each row, looped; unmasked loads when BLOCK_N divides N",
          red + loop + ["heuristics", "constexpr branch"], [t("x", ["M", "N"])], "x.sum(dim=1)", [o("out")],
          ROWS, ROWS_RUN, TOL_RED),
        k("row_mean", "reduce", "row_mean_kernel", "row_mean", "mean of each row, BLOCK_M rows per program",
          red + loop + ["2-D tiles", "reduce axis 1"], [t("x", ["M", "N"])], "x.mean(dim=1)", [o("out")],
          ROWS, ROWS_RUN, TOL_RED),
        k("row_max", "reduce", "row_max_kernel", "row_max", "max of each row, lane-wise running max",
          red + loop + ["other=-inf", "tl.full"], [t("x", ["M", "N"])], "x.amax(dim=1)", [o("out")],
          ROWS, ROWS_RUN, TOL_EXACT),
        k("row_min", "reduce", "row_min_kernel", "row_min", "min of each row, one block per row",
          red + ["other=+inf", "num_warps"], [t("x", ["M", "N"])], "x.amin(dim=1)", [o("out")],
          ROWS, ROWS_RUN, TOL_EXACT),
        k("argmax", "reduce", "argmax_kernel", "argmax", "index of the row maximum",
          red + ["tl.argmax", "int64 store"], [t("x", ["M", "N"])], "torch.argmax(x, dim=1)",
          [o("out", "int64")], ROWS, ROWS_RUN, TOL_EXACT),
        k("row_prod", "reduce", "row_prod_kernel", "row_prod", "product of each row",
          red + ["tl.reduce", "jit helper", "other=1"], [t("x", ["M", "N"], dist="rand", low=0.9, high=1.1)],
          "torch.prod(x, dim=1)", [o("out")], ROWS, ROWS_RUN, {"atol": 1e-6, "rtol": 1e-3}),
        k("row_var", "reduce", "row_var_kernel", "row_var", "variance of each row, two passes",
          red + loop + ["two-pass", "tl.where"], [t("x", ["M", "N"])],
          "x.var(dim=1, correction=correction)", [o("out")],
          [{"M": 64, "N": 1024}, {"M": 33, "N": 1000}, {"M": 7, "N": 100}, {"M": 1, "N": 2}, {"M": 4, "N": 3000}],
          [{"M": 3, "N": 37}, {"M": 5, "N": 128}, {"M": 1, "N": 2}], TOL_RED, args={"correction": 1},
          notes="N must exceed the correction (the wrapper asserts it), so the sizes use N >= 2"),
        k("col_sum", "reduce", "col_sum_kernel", "col_sum", "sum over axis 0, loop over rows",
          red + ["loop over rows", "reduce axis 0", "autotune", "grid lambda"], [t("x", ["M", "N"])],
          "x.sum(dim=0)", [o("out")],
          [{"M": 1024, "N": 64}, {"M": 1000, "N": 100}, {"M": 7, "N": 3}, {"M": 1, "N": 1}, {"M": 300, "N": 1000}],
          ROWS_RUN, TOL_RED),
        k("sum_atomic", "reduce", "sum_atomic_kernel", "sum_atomic", "sum of all elements via tl.atomic_add",
          red + ["tl.atomic_add", "zero-initialized output"], [t("x", ["n"])], "x.sum().reshape(1)",
          [o("out")], VEC, VEC_RUN, {"atol": 1e-3, "rtol": 1e-5},
          notes="atomics: the result depends on the order of the atomic adds; expected to be only partly "
                "supported by the lifter"),
    ]


def softmax():
    sm = ["softmax", "other=-inf", "reduction"]
    return [
        k("softmax", "softmax", "softmax_kernel", "softmax", "row softmax, one block per row",
          sm + ["heuristics", "next_power_of_2", "num_warps"], [t("x", ["M", "N"], scale=2.0)],
          "torch.softmax(x, dim=-1)", [o("out")], ROWS, ROWS_RUN, TOL_MATH),
        k("softmax_looped", "softmax", "softmax_looped_kernel", "softmax_looped", "row softmax, three loops",
          sm + ["loop over columns", "three-pass"], [t("x", ["M", "N"], scale=2.0)],
          "torch.softmax(x, dim=-1)", [o("out")], ROWS, ROWS_RUN, TOL_MATH),
        k("softmax_online", "softmax", "softmax_online_kernel", "softmax_online",
          "row softmax, online normalizer then a write pass",
          sm + ["loop over columns", "online softmax", "scalar loop-carried values"],
          [t("x", ["M", "N"], scale=2.0)], "torch.softmax(x, dim=-1)", [o("out")], ROWS, ROWS_RUN, TOL_MATH),
        k("softmax_exp2", "softmax", "softmax_exp2_kernel", "softmax_exp2", "softmax(scale * x) with exp2",
          sm + ["tl.exp2", "LOG2E scaling", "global tl.constexpr"], [t("x", ["M", "N"], scale=2.0)],
          "torch.softmax(x * scale, dim=-1)", [o("out")], ROWS, ROWS_RUN, TOL_MATH, args={"scale": 0.5}),
        k("log_softmax", "softmax", "log_softmax_kernel", "log_softmax", "row log-softmax",
          sm + ["tl.log"], [t("x", ["M", "N"], scale=2.0)], "torch.log_softmax(x, dim=-1)", [o("out")],
          ROWS, ROWS_RUN, TOL_MATH),
    ]


LAYER_NORM_REF = """def ref(x, weight, bias, eps):
    y = F.layer_norm(x, (x.shape[-1],), weight, bias, eps)
    mean = x.mean(dim=-1)
    rstd = 1.0 / torch.sqrt(x.var(dim=-1, unbiased=False) + eps)
    return y, mean, rstd
"""

RMS_REF = "x * torch.rsqrt(x.pow(2).mean(dim=-1, keepdim=True) + eps) * weight"

ADD_RMS_REF = """def ref(x, residual, weight, eps):
    h = x + residual
    y = h * torch.rsqrt(h.pow(2).mean(dim=-1, keepdim=True) + eps) * weight
    return h, y
"""


def norm():
    ln_in = [t("x", ["M", "N"]), t("weight", ["N"]), t("bias", ["N"])]
    ln_ref = "F.layer_norm(x, (x.shape[-1],), weight, bias, eps)"
    nrm = ["normalization", "reduction", "masks with other"]
    return [
        k("layer_norm", "norm", "layer_norm_fwd_kernel", "layer_norm",
          "LayerNorm, one block per row, writes y, mean and rstd",
          nrm + ["constexpr branch", "tl.where", "several outputs", "tl.sqrt"], ln_in, LAYER_NORM_REF,
          [o("y"), o("mean"), o("rstd")], ROWS, ROWS_RUN, TOL_RED, args={"eps": 1e-5}),
        k("layer_norm_loop", "norm", "layer_norm_loop_kernel", "layer_norm_loop",
          "LayerNorm, loops for mean, variance and output",
          nrm + ["loop over columns", "two-pass", "autotune", "tl.math.rsqrt"], ln_in, ln_ref, [o("y")],
          ROWS, ROWS_RUN, TOL_RED, args={"eps": 1e-5}),
        k("layer_norm_welford", "norm", "layer_norm_welford_kernel", "layer_norm_welford",
          "LayerNorm with lane-wise Welford and a tl.reduce combine",
          nrm + ["loop over columns", "Welford", "tl.reduce with tuples", "jit helper"], ln_in, ln_ref,
          [o("y")], ROWS, ROWS_RUN, TOL_RED, args={"eps": 1e-5}),
        k("rms_norm", "norm", "rms_norm_kernel", "rms_norm", "RMSNorm, one block per row",
          nrm + ["tl.math.rsqrt", "element_ty"], [t("x", ["M", "N"]), t("weight", ["N"])], RMS_REF,
          [o("y")], ROWS, ROWS_RUN, TOL_RED, args={"eps": 1e-6}),
        k("add_rms_norm", "norm", "add_rms_norm_kernel", "add_rms_norm",
          "residual add + RMSNorm, writes the sum and the normalized rows",
          nrm + ["several outputs"], [t("x", ["M", "N"]), t("residual", ["M", "N"]), t("weight", ["N"])],
          ADD_RMS_REF, [o("h"), o("y")], ROWS, ROWS_RUN, TOL_RED, args={"eps": 1e-6}),
        k("l2_normalize", "norm", "l2_normalize_kernel", "l2_normalize", "x / max(||x||, eps) per row",
          nrm + ["loop over columns", "tl.maximum"], [t("x", ["M", "N"])], "F.normalize(x, dim=-1, eps=eps)",
          [o("out")], ROWS, ROWS_RUN, TOL_RED, args={"eps": 1e-12}),
        k("group_norm", "norm", "group_norm_kernel", "group_norm",
          "GroupNorm on (B, C, HW), one program per (sample, group)",
          nrm + ["program_id(1)", "loop", "// and %", "per-channel gather"],
          [t("x", ["B", "C", "HW"]), t("weight", ["C"]), t("bias", ["C"])],
          "F.group_norm(x, num_groups, weight, bias, eps)", [o("y")],
          [{"B": 2, "C": 32, "HW": 64}, {"B": 3, "C": 8, "HW": 37}, {"B": 2, "C": 16, "HW": 1000},
           {"B": 1, "C": 8, "HW": 1}],
          [{"B": 2, "C": 8, "HW": 5}, {"B": 1, "C": 4, "HW": 16}, {"B": 1, "C": 8, "HW": 1}], TOL_RED,
          args={"num_groups": 4, "eps": 1e-5},
          notes="torch's F.group_norm rejects groups whose channels hold one value each (B=1, C=G, HW=1), "
                "so the smallest size has two values per group"),
    ]


def loss():
    return [
        k("cross_entropy", "loss", "cross_entropy_fwd_kernel", "cross_entropy",
          "per-row cross-entropy: online logsumexp minus the gathered target logit",
          ["online logsumexp", "loop over columns", "gather by index", "int64 index", "other=-inf"],
          [t("logits", ["M", "V"], scale=2.0), t("target", ["M"], dtype="int64", dist="randint", low=0, high="V")],
          "F.cross_entropy(logits, target, reduction='none')", [o("loss")],
          [{"M": 64, "V": 4096}, {"M": 33, "V": 1000}, {"M": 4, "V": 5000}, {"M": 1, "V": 1}],
          [{"M": 3, "V": 37}, {"M": 5, "V": 128}, {"M": 1, "V": 1}], TOL_MATH),
        k("logsumexp", "loss", "logsumexp_kernel", "logsumexp", "row logsumexp, online",
          ["online logsumexp", "loop over columns", "other=-inf", "scalar loop-carried values"],
          [t("x", ["M", "N"], scale=2.0)], "torch.logsumexp(x, dim=-1)", [o("out")], ROWS, ROWS_RUN, TOL_MATH),
    ]


def scan():
    return [
        k("cumsum", "scan", "cumsum_kernel", "cumsum", "row prefix sums with tl.cumsum",
          ["scan", "tl.cumsum", "masks with other"], [t("x", ["M", "N"])], "torch.cumsum(x, dim=1)",
          [o("out")], ROWS, ROWS_RUN, TOL_RED),
        k("cumsum_scan", "scan", "cumsum_scan_kernel", "cumsum_scan", "row prefix sums, associative_scan",
          ["scan", "tl.associative_scan", "jit helper", "masks with other"], [t("x", ["M", "N"])],
          "torch.cumsum(x, dim=1)", [o("out")], ROWS, ROWS_RUN, TOL_RED),
        k("cumsum_looped", "scan", "cumsum_looped_kernel", "cumsum_looped",
          "row prefix sums over several blocks with a carried total",
          ["scan", "tl.cumsum", "loop over columns", "scalar loop-carried values"], [t("x", ["M", "N"])],
          "torch.cumsum(x, dim=1)", [o("out")], ROWS, ROWS_RUN, {"atol": 5e-4, "rtol": 1e-4}),
    ]


ROPE_REF = """def ref(x, cos, sin):
    h = x.shape[-1] // 2
    x1, x2 = x[..., :h], x[..., h:]
    c, s = cos[:, None, :], sin[:, None, :]
    return torch.cat([x1 * c - x2 * s, x2 * c + x1 * s], dim=-1)
"""


def matmul():
    return [
        k("matmul", "matmul", "matmul_kernel", "matmul", "fp16 C = relu(A @ B + bias), fp32 accumulation",
          ["tl.dot", "K loop with masks", "grouped ordering", "autotune", "constexpr branch", "epilogue",
           "pointer increments", "fp16"],
          [t("a", ["M", "K"], dtype="float16"), t("b", ["K", "N"], dtype="float16"), t("bias", ["N"], dtype="float16")],
          "torch.relu(a @ b + bias)", [o("c", "float16")], MATMUL, MATMUL_RUN, {"atol": 1e-2, "rtol": 2e-3},
          args={"activation": "relu"}),
        k("bmm", "matmul", "bmm_kernel", "bmm", "batched fp32 matmul, 3-D grid",
          ["tl.dot", "K loop with masks", "program_id(2)", "strides", "input_precision=ieee"],
          [t("a", ["B", "M", "K"]), t("b", ["B", "K", "N"])], "torch.bmm(a, b)", [o("c")],
          [{"B": 4, "M": 64, "N": 64, "K": 64}, {"B": 3, "M": 37, "N": 29, "K": 45},
           {"B": 2, "M": 100, "N": 33, "K": 70}, {"B": 1, "M": 1, "N": 1, "K": 1}],
          [{"B": 2, "M": 5, "N": 7, "K": 9}, {"B": 1, "M": 3, "N": 37, "K": 16}, {"B": 1, "M": 1, "N": 1, "K": 1}],
          TOL_RED),
        k("mv", "matmul", "mv_kernel", "mv", "matrix-vector product",
          ["[None, :]", "reduce axis 1", "loop over columns", "2-D tiles"], [t("a", ["M", "N"]), t("x", ["N"])],
          "a @ x", [o("y")], [{"M": 256, "N": 512}, {"M": 100, "N": 300}, {"M": 33, "N": 1000}, {"M": 1, "N": 1}],
          ROWS_RUN, TOL_RED),
        k("outer", "matmul", "outer_kernel", "outer", "outer product a[:, None] * b[None, :]",
          ["[:, None]", "[None, :]", "2-D grid"], [t("a", ["M"]), t("b", ["N"])], "torch.outer(a, b)",
          [o("out")], TILES, TILES_RUN, TOL_ELEM),
        k("linear", "matmul", "linear_kernel", "linear", "bf16 x @ W^T + b, W read through its strides",
          ["tl.dot", "K loop with masks", "transposed operand by strides", "constexpr branch", "bf16"],
          [t("x", ["M", "K"], dtype="bfloat16"), t("weight", ["N", "K"], dtype="bfloat16"),
           t("bias", ["N"], dtype="bfloat16")],
          "F.linear(x, weight, bias)", [o("y", "bfloat16")], MATMUL, MATMUL_RUN, {"atol": 5e-2, "rtol": 1e-2}),
    ]


def gather():
    return [
        k("embedding", "gather", "embedding_kernel", "embedding", "row gather weight[ids]",
          ["gather by index", "int64 index", "program_id(1)"],
          [t("ids", ["T"], dtype="int64", dist="randint", low=0, high="V"), t("weight", ["V", "D"])],
          "weight[ids]", [o("out")],
          [{"T": 64, "V": 1000, "D": 256}, {"T": 33, "V": 50, "D": 100}, {"T": 7, "V": 3, "D": 300},
           {"T": 1, "V": 1, "D": 1}],
          [{"T": 3, "V": 11, "D": 37}, {"T": 5, "V": 7, "D": 128}, {"T": 1, "V": 1, "D": 1}], TOL_EXACT),
        k("strided_copy", "gather", "strided_copy_kernel", "strided_copy",
          "contiguous copy of a strided view (every other column)",
          ["strides", "// and %", "masks"], [t("x", ["M", "N"], layout="strided_cols")], "x.contiguous()",
          [o("out")], TILES, TILES_RUN, TOL_EXACT),
        k("transpose", "gather", "transpose_kernel", "transpose", "2-D transpose by tiles",
          ["tl.trans", "2-D tiles", "strides", "masks with other"], [t("x", ["M", "N"])], "x.t()",
          [o("out")], TILES, TILES_RUN, TOL_EXACT),
        k("rope", "gather", "rope_kernel", "rope", "rotary embedding, half-split layout",
          ["// and %", "two halves", "masks with other", "3-D strides"],
          [t("x", ["T", "H", "D"]), t("cos", ["T", "D // 2"], dist="rand", low=-1.0, high=1.0),
           t("sin", ["T", "D // 2"], dist="rand", low=-1.0, high=1.0)],
          ROPE_REF, [o("out")],
          [{"T": 16, "H": 4, "D": 64}, {"T": 7, "H": 3, "D": 40}, {"T": 5, "H": 2, "D": 128},
           {"T": 1, "H": 1, "D": 2}],
          [{"T": 3, "H": 2, "D": 10}, {"T": 2, "H": 1, "D": 64}, {"T": 1, "H": 1, "D": 2}], TOL_ELEM),
        k("concat", "gather", "concat_cols_kernel", "concat_cols", "torch.cat([a, b], dim=1)",
          ["tl.where", "two masked loads", "negative offsets under mask", "program_id(1)"],
          [t("a", ["M", "NA"]), t("b", ["M", "NB"])], "torch.cat([a, b], dim=1)", [o("out")],
          [{"M": 64, "NA": 128, "NB": 128}, {"M": 33, "NA": 100, "NB": 37}, {"M": 5, "NA": 200, "NB": 3},
           {"M": 1, "NA": 1, "NB": 1}],
          [{"M": 3, "NA": 5, "NB": 7}, {"M": 2, "NA": 64, "NB": 64}, {"M": 1, "NA": 1, "NB": 1}], TOL_EXACT),
    ]


GELU_MUL_REF = """def ref(x):
    h = x.shape[1] // 2
    return F.gelu(x[:, :h]) * x[:, h:]
"""

SILU_MUL_REF = """def ref(x):
    h = x.shape[1] // 2
    return F.silu(x[:, :h]) * x[:, h:]
"""

GATED_SIZES = [{"M": 64, "H": 1024}, {"M": 33, "H": 1000}, {"M": 4, "H": 3000}, {"M": 1, "H": 1}]
GATED_RUN = [{"M": 3, "H": 37}, {"M": 5, "H": 128}, {"M": 1, "H": 1}]


def gated():
    return [
        k("gelu_and_mul", "gated", "gelu_and_mul_kernel", "gelu_and_mul", "gelu(x[:, :H]) * x[:, H:]",
          ["jit helper", "tl.erf", "program_id(1)", "two halves"], [t("x", ["M", "2 * H"])], GELU_MUL_REF,
          [o("out")], GATED_SIZES, GATED_RUN, TOL_MATH),
        k("silu_and_mul", "gated", "silu_and_mul_kernel", "silu_and_mul", "silu(x[:, :H]) * x[:, H:] in bf16",
          ["jit helper", "bf16", "casts", "program_id(1)"], [t("x", ["M", "2 * H"], dtype="bfloat16")],
          SILU_MUL_REF, [o("out", "bfloat16")], GATED_SIZES, GATED_RUN, TOL_BF16),
        k("geglu_tanh", "gated", "geglu_tanh_kernel", "geglu_tanh", "gelu_tanh(a) * b, tanh from sigmoid",
          ["nested jit helpers", "tl.sigmoid", "1-D blocks"], [t("a", ["n"], scale=3.0), t("b", ["n"])],
          "F.gelu(a, approximate='tanh') * b", [o("out")], VEC, VEC_RUN, TOL_MATH),
    ]


def misc():
    return [
        k("bias_gelu", "misc", "bias_gelu_kernel", "bias_gelu", "fp16 gelu(x + bias[None, :])",
          ["fused epilogue", "[None, :]", "fp16", "casts", "tl.erf"],
          [t("x", ["M", "N"], dtype="float16"), t("bias", ["N"], dtype="float16")], "F.gelu(x + bias)",
          [o("out", "float16")], TILES, TILES_RUN, TOL_FP16),
        k("while_grid_stride", "misc", "scale_shift_persistent_kernel", "scale_shift_persistent",
          "x * scale + shift by a fixed set of programs walking with a while loop",
          ["while loop", "tl.num_programs", "persistent grid", "masks with other"], [t("x", ["n"])],
          "x * scale + shift", [o("out")], VEC, VEC_RUN, TOL_ELEM,
          args={"scale": 1.5, "shift": -0.25, "max_programs": 4}),
        k("early_return", "misc", "row_dot_kernel", "row_dot", "row-wise dot product, padded grid",
          ["early return", "loop over columns", "reduction"], [t("x", ["M", "N"]), t("y", ["M", "N"])],
          "(x * y).sum(dim=1)", [o("out")], ROWS, ROWS_RUN, TOL_RED),
        k("static_range_fir", "misc", "fir_kernel", "fir", "valid 1-D correlation with TAPS taps",
          ["tl.static_range", "constexpr from shape", "scalar loads", "shifted loads"],
          [t("x", ["n"]), t("w", ["TAPS"])], "F.conv1d(x[None, None], w[None, None])[0, 0]", [o("out")],
          [{"n": 4096, "TAPS": 5}, {"n": 1000, "TAPS": 3}, {"n": 300, "TAPS": 1}, {"n": 5, "TAPS": 5}],
          [{"n": 37, "TAPS": 5}, {"n": 128, "TAPS": 3}, {"n": 1, "TAPS": 1}], TOL_MATH),
        k("where_guards", "misc", "safe_div_kernel", "safe_div", "num / den where |den| > eps, else fill",
          ["tl.where", "masks with other=1", "tl.abs", "guarded division"], [t("num", ["n"]), t("den", ["n"])],
          "torch.where(den.abs() > eps, num / den, torch.full_like(num, fill))", [o("out")], VEC, VEC_RUN,
          TOL_MATH, args={"eps": 0.1, "fill": 0.0}),
        k("pid2d_num_programs", "misc", "col_scale_kernel", "col_scale",
          "x * w[None, :], column blocks shared round-robin by the programs of axis 1",
          ["program_id(1)", "tl.num_programs", "range with runtime start and step", "[None, :]"],
          [t("x", ["M", "N"]), t("w", ["N"])], "x * w[None, :]", [o("out")], ROWS, ROWS_RUN, TOL_ELEM,
          args={"col_programs": 2}),
    ]


def build():
    kernels = (elementwise() + broadcast() + reduce_() + softmax() + norm() + loss() + scan() + matmul()
               + gather() + gated() + misc())
    return {"schema": SCHEMA, "kernels": kernels}


def dumps(value, indent=0, width=100):
    """JSON with short lists and objects kept on one line, so the file stays readable."""
    flat = json.dumps(value, allow_nan=False)
    if not isinstance(value, (list, dict)) or len(flat) + indent <= width:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, list):
        items = [pad + dumps(v, indent + 2, width) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    items = [pad + json.dumps(key) + ": " + dumps(v, indent + 2, width) for key, v in value.items()]
    return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if manifest.json differs from this script")
    opts = ap.parse_args()
    text = dumps(build()) + "\n"
    path = os.path.join(REPO, MANIFEST)
    if opts.check:
        with open(path) as f:
            if f.read() != text:
                print(f"{MANIFEST} is out of date: run tools/device/build_manifest.py", file=sys.stderr)
                return 1
        print(f"{MANIFEST} is up to date")
        return 0
    with open(path, "w") as f:
        f.write(text)
    print(f"wrote {MANIFEST} ({len(build()['kernels'])} kernels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
