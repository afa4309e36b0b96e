"""Valid 1-D correlation with a short filter (a FIR): out[i] = sum_{k < TAPS} w[k] * x[i + k],
the tap loop unrolled at compile time with tl.static_range."""
import torch
import triton
import triton.language as tl


@triton.jit
def fir_kernel(x_ptr, w_ptr, out_ptr, n_out, TAPS: tl.constexpr, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n_out
    acc = tl.zeros([BLOCK_SIZE], dtype=tl.float32)
    for k in tl.static_range(TAPS):
        w_k = tl.load(w_ptr + k)
        x_k = tl.load(x_ptr + offsets + k, mask=mask, other=0.0)
        acc += w_k * x_k
    tl.store(out_ptr + offsets, acc, mask=mask)


def fir(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 1 and w.dim() == 1 and x.is_contiguous() and w.is_contiguous()
    taps = w.numel()
    assert 1 <= taps <= 16 and x.numel() >= taps
    n_out = x.numel() - taps + 1
    out = torch.empty(n_out, device=x.device, dtype=torch.float32)
    grid = lambda meta: (triton.cdiv(n_out, meta["BLOCK_SIZE"]),)
    fir_kernel[grid](x, w, out, n_out, TAPS=taps, BLOCK_SIZE=256)
    return out
