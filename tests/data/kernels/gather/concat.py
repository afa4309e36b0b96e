"""torch.cat([a, b], dim=1) for 2-D tensors: each output column reads from a or from b, the two
masked loads are merged with tl.where."""
import torch
import triton
import triton.language as tl


@triton.jit
def concat_cols_kernel(
    a_ptr, b_ptr, out_ptr, n_a, n_b,
    stride_a, stride_b, stride_out,
    BLOCK_N: tl.constexpr,
):
    row = tl.program_id(0)
    pid_n = tl.program_id(1)
    cols = pid_n * BLOCK_N + tl.arange(0, BLOCK_N)
    in_a = cols < n_a
    in_b = (cols >= n_a) & (cols < n_a + n_b)
    va = tl.load(a_ptr + row * stride_a + cols, mask=in_a, other=0.0)
    vb = tl.load(b_ptr + row * stride_b + (cols - n_a), mask=in_b, other=0.0)
    v = tl.where(in_a, va, vb)
    tl.store(out_ptr + row * stride_out + cols, v, mask=in_a | in_b)


def concat_cols(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    assert a.dim() == 2 and b.dim() == 2 and a.shape[0] == b.shape[0]
    assert a.stride(1) == 1 and b.stride(1) == 1
    M, n_a = a.shape
    n_b = b.shape[1]
    out = torch.empty((M, n_a + n_b), device=a.device, dtype=a.dtype)
    BLOCK_N = 128
    grid = (M, triton.cdiv(n_a + n_b, BLOCK_N))
    concat_cols_kernel[grid](a, b, out, n_a, n_b, a.stride(0), b.stride(0), out.stride(0), BLOCK_N=BLOCK_N)
    return out
