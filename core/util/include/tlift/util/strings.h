#pragma once
// Small string helpers shared by the printers.

#include <string>
#include <string_view>
#include <vector>

namespace tlift::util {

std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::vector<std::string> split(std::string_view s, char sep);
std::string trim(std::string_view s);
bool startsWith(std::string_view s, std::string_view prefix);
bool endsWith(std::string_view s, std::string_view suffix);
// Shortest decimal text that reads back as the same double ("1", "0.5", "1e-05", "inf", "nan").
std::string formatDouble(double v);
// Shortest decimal text that reads back as the same float.
std::string formatFloat(float v);
std::string htmlEscape(std::string_view s);
// Reads a whole file; returns false when it cannot.
bool readFile(const std::string& path, std::string& out);
bool writeFile(const std::string& path, std::string_view data);

} // namespace tlift::util
