package segment

// Segment kinds.
const (
	Dynamic = "dynamic" // the filter, recomputed whenever it is used
	Frozen  = "frozen"  // the contacts that matched when it was frozen
)

// Saved is a segment the user keeps.
type Saved struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	Filter    Filter `json:"filter"`
	CreatedAt string `json:"createdAt"`
	UpdatedAt string `json:"updatedAt"`
	FrozenAt  string `json:"frozenAt,omitempty"`
	// Size is the number of members of a frozen list (those still in the
	// workspace), or the count when a dynamic segment was last saved.
	Size int `json:"size"`
}
