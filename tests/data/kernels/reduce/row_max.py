"""Maximum of each row: a lane-wise running maximum over column blocks, reduced at the end."""
import torch
import triton
import triton.language as tl


@triton.jit
def row_max_kernel(x_ptr, out_ptr, stride_row, N, BLOCK_N: tl.constexpr):
    row = tl.program_id(0)
    running = tl.full([BLOCK_N], -float("inf"), dtype=tl.float32)
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        x = tl.load(x_ptr + row * stride_row + cols, mask=cols < N, other=-float("inf"))
        running = tl.maximum(running, x)
    tl.store(out_ptr + row, tl.max(running, axis=0))


def row_max(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.stride(1) == 1
    M, N = x.shape
    out = torch.empty(M, device=x.device, dtype=torch.float32)
    row_max_kernel[(M,)](x, out, x.stride(0), N, BLOCK_N=512)
    return out
