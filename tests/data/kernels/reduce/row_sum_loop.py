"""Sum of each row with a loop over column blocks; masks are dropped when the block divides N."""
import torch
import triton
import triton.language as tl


@triton.heuristics({"EVEN_N": lambda args: args["N"] % args["BLOCK_N"] == 0})
@triton.jit
def row_sum_loop_kernel(x_ptr, out_ptr, stride_row, N, BLOCK_N: tl.constexpr, EVEN_N: tl.constexpr):
    row = tl.program_id(0)
    row_ptr = x_ptr + row * stride_row
    acc = tl.zeros([BLOCK_N], dtype=tl.float32)
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        if EVEN_N:
            x = tl.load(row_ptr + cols)
        else:
            x = tl.load(row_ptr + cols, mask=cols < N, other=0.0)
        acc += x.to(tl.float32)
    tl.store(out_ptr + row, tl.sum(acc, axis=0))


def row_sum_loop(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.stride(1) == 1
    M, N = x.shape
    out = torch.empty(M, device=x.device, dtype=torch.float32)
    row_sum_loop_kernel[(M,)](x, out, x.stride(0), N, BLOCK_N=256)
    return out
