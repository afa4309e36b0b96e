"""masked_fill: value where the boolean mask is set, x elsewhere."""
import torch
import triton
import triton.language as tl


@triton.jit
def masked_fill_kernel(x_ptr, mask_ptr, out_ptr, n_elements, value, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    in_bounds = offsets < n_elements
    x = tl.load(x_ptr + offsets, mask=in_bounds, other=0.0)
    fill = tl.load(mask_ptr + offsets, mask=in_bounds, other=0) != 0
    y = tl.where(fill, value, x)
    tl.store(out_ptr + offsets, y, mask=in_bounds)


def masked_fill(x: torch.Tensor, mask: torch.Tensor, value: float) -> torch.Tensor:
    assert x.shape == mask.shape and mask.dtype == torch.bool
    x = x.contiguous()
    mask = mask.contiguous()
    out = torch.empty_like(x)
    n_elements = x.numel()
    grid = lambda meta: (triton.cdiv(n_elements, meta["BLOCK_SIZE"]),)
    masked_fill_kernel[grid](x, mask, out, n_elements, value, BLOCK_SIZE=1024)
    return out
