package jobtext

import (
	"slices"

	"github.com/certmatch/certmatch/scoring"
)

// The catalog as this package reads it: every certification and group.
// Kept in one place, since it is all this package needs of the
// catalog's shape.

func catalogCerts(cat *scoring.Catalog) []scoring.Cert { return slices.Collect(cat.Certs()) }

func catalogGroups(cat *scoring.Catalog) []scoring.Group { return slices.Collect(cat.Groups()) }
