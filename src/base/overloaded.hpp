// Overloaded — a visitor made of lambdas, for std::visit over the ops and value variants:
//   std::visit(Overloaded{[](const ops::AddColumn& a) {...}, [](const auto&) {...}}, op);
// Ground floor (src/base/): depends on nothing but the standard library.
#pragma once

namespace retort {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace retort
