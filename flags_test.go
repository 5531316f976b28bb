package ladder_test

import "flag"

// update rewrites golden files instead of comparing with them:
// go test -run TestBadLadders -update .
var update = flag.Bool("update", false, "rewrite golden files")
