// Anchor for the frontend library; the parsers live in src/python and src/ttir.
namespace tlift::frontend {
const char* frontendName() { return "tritonlift-frontend"; }
} // namespace tlift::frontend
