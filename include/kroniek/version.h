// kroniek's version. Models and stores record the version that wrote them.
#ifndef KRONIEK_VERSION_H_
#define KRONIEK_VERSION_H_

namespace kroniek {

inline constexpr int kVersionMajor = 0;
inline constexpr int kVersionMinor = 1;
inline constexpr int kVersionPatch = 0;
inline constexpr const char* kVersionString = "0.1.0";

}  // namespace kroniek

#endif  // KRONIEK_VERSION_H_
