#include "runner/cli.hpp"

int main(int argc, char** argv) { return hallmark::runner::cli_main(argc, argv); }
