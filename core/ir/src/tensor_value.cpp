#include "tlift/ir/tensor_value.h"

#include <cassert>
#include <cmath>
#include <cstring>
#include <limits>

namespace tlift::ir {

std::vector<std::int64_t> TensorValue::rowMajorStrides(const std::vector<std::int64_t>& shape) {
    std::vector<std::int64_t> s(shape.size(), 1);
    for (std::size_t d = shape.size(); d-- > 1;) s[d - 1] = s[d] * std::max<std::int64_t>(shape[d], 1);
    return s;
}

TensorValue TensorValue::zeros(DType t, std::vector<std::int64_t> shape, double fill) {
    TensorValue v;
    v.dtype = t;
    v.shape = std::move(shape);
    v.strides = rowMajorStrides(v.shape);
    v.storage = std::make_shared<std::vector<double>>(static_cast<std::size_t>(v.numel()), fill);
    return v;
}

TensorValue TensorValue::fromData(DType t, std::vector<std::int64_t> shape, std::vector<double> data) {
    TensorValue v;
    v.dtype = t;
    v.shape = std::move(shape);
    v.strides = rowMajorStrides(v.shape);
    assert(static_cast<std::int64_t>(data.size()) == v.numel());
    v.storage = std::make_shared<std::vector<double>>(std::move(data));
    return v;
}

TensorValue TensorValue::scalar(DType t, double x) { return fromData(t, {}, {x}); }

std::int64_t TensorValue::numel() const {
    std::int64_t n = 1;
    for (std::int64_t d : shape) n *= d;
    return n;
}

bool TensorValue::inBounds(const std::vector<std::int64_t>& idx) const {
    if (idx.size() != shape.size()) return false;
    for (std::size_t d = 0; d < idx.size(); ++d)
        if (idx[d] < 0 || idx[d] >= shape[d]) return false;
    return true;
}

std::int64_t TensorValue::position(const std::vector<std::int64_t>& idx) const {
    std::int64_t p = offset;
    for (std::size_t d = 0; d < idx.size(); ++d) p += idx[d] * strides[d];
    return p;
}

double TensorValue::at(const std::vector<std::int64_t>& idx) const {
    return (*storage)[static_cast<std::size_t>(position(idx))];
}

double& TensorValue::at(const std::vector<std::int64_t>& idx) {
    return (*storage)[static_cast<std::size_t>(position(idx))];
}

double TensorValue::atLinear(std::int64_t linear) const {
    std::int64_t p = offset;
    for (std::size_t d = shape.size(); d-- > 0;) {
        std::int64_t i = linear % shape[d];
        linear /= shape[d];
        p += i * strides[d];
    }
    return (*storage)[static_cast<std::size_t>(p)];
}

TensorValue TensorValue::contiguous() const {
    TensorValue out = zeros(dtype, shape);
    std::int64_t n = numel();
    for (std::int64_t k = 0; k < n; ++k) (*out.storage)[static_cast<std::size_t>(k)] = atLinear(k);
    return out;
}

namespace {

double roundToBits(double v, int mantissaBits, int minExp, int maxExp, bool hasInf) {
    if (std::isnan(v) || std::isinf(v) || v == 0.0) return v;
    int e;
    std::frexp(v, &e); // v = m * 2^e, 0.5 <= |m| < 1
    int exp = e - 1;   // v = 1.f * 2^exp
    if (exp < minExp) exp = minExp; // subnormal range keeps the minimum exponent's spacing
    double ulp = std::ldexp(1.0, exp - mantissaBits);
    double r = std::nearbyint(v / ulp) * ulp; // round half to even (default rounding mode)
    double maxVal = std::ldexp(2.0 - std::ldexp(1.0, -mantissaBits), maxExp);
    if (std::fabs(r) > maxVal)
        return hasInf ? std::copysign(std::numeric_limits<double>::infinity(), v)
                      : std::copysign(maxVal, v);
    return r;
}

template <class I>
double wrapInt(double v) {
    if (std::isnan(v)) return 0.0;
    double t = std::trunc(v);
    if (std::fabs(t) >= 9.2e18) return static_cast<double>(static_cast<I>(0));
    auto wide = static_cast<long long>(t);
    return static_cast<double>(static_cast<I>(wide));
}

} // namespace

double roundToDType(double v, DType t) {
    switch (t) {
    case DType::Bool: return v != 0.0 ? 1.0 : 0.0;
    case DType::I8: return wrapInt<std::int8_t>(v);
    case DType::I16: return wrapInt<std::int16_t>(v);
    case DType::I32: return wrapInt<std::int32_t>(v);
    case DType::I64: return std::trunc(v);
    case DType::U8: return wrapInt<std::uint8_t>(v);
    case DType::U16: return wrapInt<std::uint16_t>(v);
    case DType::U32: return wrapInt<std::uint32_t>(v);
    case DType::U64: return std::trunc(v);
    case DType::F8E4M3: return roundToBits(v, 3, -6, 8, false);
    case DType::F8E5M2: return roundToBits(v, 2, -14, 15, true);
    case DType::F16: return roundToBits(v, 10, -14, 15, true);
    case DType::BF16: return roundToBits(v, 7, -126, 127, true);
    case DType::F32: return static_cast<double>(static_cast<float>(v));
    case DType::F64: return v;
    }
    return v;
}

} // namespace tlift::ir
