"""Embedding lookup: out[t, :] = weight[ids[t], :], a row gather driven by an index tensor."""
import torch
import triton
import triton.language as tl


@triton.jit
def embedding_kernel(ids_ptr, weight_ptr, out_ptr, dim, stride_w, stride_out, BLOCK_D: tl.constexpr):
    tok = tl.program_id(0)
    pid_d = tl.program_id(1)
    idx = tl.load(ids_ptr + tok)
    cols = pid_d * BLOCK_D + tl.arange(0, BLOCK_D)
    mask = cols < dim
    row = tl.load(weight_ptr + idx * stride_w + cols, mask=mask, other=0.0)
    tl.store(out_ptr + tok * stride_out + cols, row, mask=mask)


def embedding(ids: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    assert ids.dim() == 1 and weight.dim() == 2 and weight.stride(1) == 1
    n_tokens = ids.numel()
    vocab, dim = weight.shape
    out = torch.empty((n_tokens, dim), device=weight.device, dtype=weight.dtype)
    BLOCK_D = min(256, triton.next_power_of_2(dim))
    grid = (n_tokens, triton.cdiv(dim, BLOCK_D))
    embedding_kernel[grid](ids, weight, out, dim, weight.stride(0), out.stride(0), BLOCK_D=BLOCK_D)
    return out
