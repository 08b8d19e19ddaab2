#pragma once
// Errors thrown by dualdex libraries. Every stage throws a subclass of
// dualdex::Error; the CLI maps the subclass to an exit code (DESIGN.md §4).
#include <stdexcept>
#include <string>

namespace dualdex {

/// Base of every error dualdex code throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One input could not be read or parsed. The message names the input
/// (file, and record where there is one) and the problem. Never fatal to a run.
class InputError : public Error {
 public:
  using Error::Error;
};

/// The user asked for something malformed (bad query, bad date, bad flag): exit 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

/// The index is missing, locked, of another schema version or unusable: exit 3.
class IndexError : public Error {
 public:
  using Error::Error;
};

/// A knowledge or configuration file is invalid (message has file:line): exit 4.
class KnowledgeError : public Error {
 public:
  using Error::Error;
};

}  // namespace dualdex
