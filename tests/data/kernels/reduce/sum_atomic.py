"""Sum of all elements: each program reduces its block and adds it into one scalar with an atomic.

The result depends on the order in which the atomics land (float addition is not associative).
"""
import torch
import triton
import triton.language as tl


@triton.jit
def sum_atomic_kernel(x_ptr, out_ptr, n_elements, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    x = tl.load(x_ptr + offsets, mask=offsets < n_elements, other=0.0)
    partial = tl.sum(x, axis=0)
    tl.atomic_add(out_ptr, partial)


def sum_atomic(x: torch.Tensor) -> torch.Tensor:
    x = x.contiguous()
    n_elements = x.numel()
    # The kernel accumulates into out, so it must start at zero.
    out = torch.zeros(1, device=x.device, dtype=torch.float32)
    grid = lambda meta: (triton.cdiv(n_elements, meta["BLOCK_SIZE"]),)
    sum_atomic_kernel[grid](x, out, n_elements, BLOCK_SIZE=1024)
    return out
