# RMS norm forward and backward, launched from an autograd.Function.
import math

import torch
import triton
import triton.language as tl

try:
    from triton.language.extra.cuda import libdevice
except ImportError:
    from triton.language.math import rsqrt as _unused_rsqrt  # noqa: F401

    libdevice = tl.extra.cuda.libdevice

EPS_DEFAULT = 1e-6
MAX_FUSED_SIZE = 65536 // 4
NUM_WARPS: tl.constexpr = tl.constexpr(8)
LOG2E = tl.constexpr(1.4426950408889634)


@triton.jit
def _square_sum(x, BLOCK: tl.constexpr):
    return tl.sum(x * x, axis=0)


@triton.heuristics(values={"BLOCK": lambda args: triton.next_power_of_2(args["n_cols"])})
@triton.jit(do_not_specialize=["n_rows", 4])
def rms_norm_fwd(
    x_ptr, w_ptr, y_ptr, rstd_ptr,
    n_rows, n_cols, stride, eps,
    BLOCK: tl.constexpr,
):
    row = tl.program_id(0)
    cols = tl.arange(0, BLOCK)
    mask = cols < n_cols
    x = tl.load(x_ptr + row * stride + cols, mask=mask, other=0.0).to(tl.float32)
    mean_sq = _square_sum(x, BLOCK) / n_cols
    rstd = libdevice.rsqrt(mean_sq + eps)
    tl.store(rstd_ptr + row, rstd)
    w = tl.load(w_ptr + cols, mask=mask)
    tl.store(y_ptr + row * stride + cols, x * rstd * w, mask=mask)


class RMSNorm(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, eps=EPS_DEFAULT):
        n_rows, n_cols = x.shape
        if n_cols > MAX_FUSED_SIZE:
            raise RuntimeError(f"rows of {n_cols} elements do not fit in one block")
        y = torch.empty_like(x)
        rstd = torch.empty(n_rows, dtype=torch.float32, device=x.device)
        grid = (n_rows,)
        rms_norm_fwd[grid](x, weight, y, rstd, n_rows, n_cols, x.stride(0), eps, num_warps=4)
        ctx.save_for_backward(x, weight, rstd)
        return y
