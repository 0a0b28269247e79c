// Deterministic pseudo-random numbers for training: the same seed gives the same shuffles and
// the same model on every machine (no std::random distributions, whose output is not portable).
#ifndef KRONIEK_LEARN_RANDOM_H_
#define KRONIEK_LEARN_RANDOM_H_

#include <cstdint>
#include <utility>
#include <vector>

namespace kroniek::learn {

// SplitMix64: small, fast and well distributed.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n > 0 (Lemire's multiply-shift, with rejection for exactness).
  uint64_t Below(uint64_t n) {
    while (true) {
      unsigned __int128 m = static_cast<unsigned __int128>(Next()) * n;
      uint64_t low = static_cast<uint64_t>(m);
      if (low >= n || low >= (0 - n) % n) return static_cast<uint64_t>(m >> 64);
    }
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

// Fisher-Yates shuffle driven by `rng`.
template <typename T>
void Shuffle(std::vector<T>& v, Rng& rng) {
  for (size_t i = v.size(); i > 1; --i) {
    size_t j = static_cast<size_t>(rng.Below(i));
    std::swap(v[i - 1], v[j]);
  }
}

}  // namespace kroniek::learn

#endif  // KRONIEK_LEARN_RANDOM_H_
