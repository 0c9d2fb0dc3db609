package revision

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed eni_table.txt
var eniTableText string

// eniLimit is one row of the ENI trunking table: awsvpc tasks per container
// instance without and with trunking.
type eniLimit struct{ without, with int }

var eniTable = sync.OnceValue(func() map[string]eniLimit {
	m := make(map[string]eniLimit)
	for _, line := range strings.Split(eniTableText, "\n") {
		f := strings.Fields(line)
		if len(f) != 3 || strings.HasPrefix(line, "#") {
			continue
		}
		a, err1 := strconv.Atoi(f[1])
		b, err2 := strconv.Atoi(f[2])
		if err1 == nil && err2 == nil {
			m[f[0]] = eniLimit{a, b}
		}
	}
	return m
})

// trunkingUnsupported lists instance families and types the ECS developer
// guide says cannot use awsvpcTrunking (SPEC §F, 2023 list). The same page's
// table still lists sizes of m5n, m5zn, r5b and r5dn (SPEC disagreement 13);
// bgspec follows the explicit "not supported" list and reports those types
// without trunking.
var trunkingUnsupported = map[string]bool{
	"a1.metal": true, "c5.metal": true, "c5a.8xlarge": true, "c5ad.8xlarge": true, "c5d.metal": true, "m5.metal": true,
	"p3dn.24xlarge": true, "r5.metal": true, "r5.8xlarge": true, "r5d.metal": true,
	"c5n": true, "d3": true, "d3en": true, "g3": true, "g3s": true, "g4dn": true, "i3": true, "i3en": true, "inf1": true,
	"m5dn": true, "m5n": true, "m5zn": true, "mac1": true, "r5b": true, "r5n": true, "r5dn": true,
	"u-12tb1": true, "u-6tb1": true, "u-9tb1": true, "z1d": true,
}

// Capacity says whether an ECS service's tasks fit on its EC2 container
// instances during a CodeDeploy blue/green deployment, when every awsvpc task
// needs its own network interface. During the deployment the original (blue)
// and the replacement (green) task sets run side by side until the blue one
// is terminated, so the cluster must hold twice the desired count.
type Capacity struct {
	InstanceType string
	Instances    int
	DesiredTasks int
	// Trunking is whether awsvpcTrunking was asked for; TrunkingApplies is
	// whether it raises the limit for this instance type.
	Trunking, TrunkingApplies bool
	// WithoutTrunking and WithTrunking are the per-instance awsvpc task
	// limits from the table (WithTrunking is 0 when trunking is unsupported).
	WithoutTrunking, WithTrunking int
	// PerInstance is the limit that applies; Total = PerInstance × Instances.
	PerInstance, Total int
	// Needed is the task count during the deployment: 2 × DesiredTasks.
	Needed int
	// Fits reports Needed <= Total.
	Fits bool
}

// ENICapacity computes the awsvpc task capacity of instances container
// instances of instanceType (e.g. "c5.large") and whether 2 × desiredTasks
// fit during a blue/green deployment, with or without awsvpcTrunking. The
// limits come from the embedded snapshot of the ECS "Supported instances for
// increased container network interfaces" table (SPEC.md appendix); instance
// types the table does not list (t2, t3 and other burstable types among them)
// are an error, since their limit is the EC2 maximum ENIs − 1 and no AWS API
// returns trunking figures. ENIs taken by daemon tasks or other attachments
// are not counted.
func ENICapacity(instanceType string, instances, desiredTasks int, trunking bool) (Capacity, error) {
	it := strings.ToLower(strings.TrimSpace(instanceType))
	c := Capacity{InstanceType: it, Instances: instances, DesiredTasks: desiredTasks, Trunking: trunking}
	if instances < 0 || desiredTasks < 0 {
		return c, fmt.Errorf("revision: instance and task counts must not be negative")
	}
	lim, ok := eniTable()[it]
	if !ok {
		return c, fmt.Errorf("revision: instance type %q is not in the ENI trunking table; without trunking an instance runs (EC2 maximum network interfaces − 1) awsvpc tasks: see aws ec2 describe-instance-types --query 'InstanceTypes[].NetworkInfo.MaximumNetworkInterfaces'", instanceType)
	}
	family, _, _ := strings.Cut(it, ".")
	supported := !trunkingUnsupported[it] && !trunkingUnsupported[family]
	c.WithoutTrunking = lim.without
	if supported {
		c.WithTrunking = lim.with
	}
	c.TrunkingApplies = trunking && supported
	c.PerInstance = lim.without
	if c.TrunkingApplies {
		c.PerInstance = lim.with
	}
	c.Total = c.PerInstance * instances
	c.Needed = 2 * desiredTasks
	c.Fits = c.Needed <= c.Total
	return c, nil
}

// String explains the result in one sentence.
func (c Capacity) String() string {
	mode := "without ENI trunking"
	switch {
	case c.TrunkingApplies:
		mode = "with awsvpcTrunking"
	case c.Trunking:
		mode = "without ENI trunking (" + c.InstanceType + " does not support awsvpcTrunking)"
	}
	verdict := "fits"
	if !c.Fits {
		verdict = "does not fit"
		if !c.Trunking && c.WithTrunking*c.Instances >= c.Needed {
			verdict += fmt.Sprintf("; with awsvpcTrunking the limit is %d per instance (%d in all), which fits", c.WithTrunking, c.WithTrunking*c.Instances)
		} else if c.PerInstance > 0 {
			verdict += fmt.Sprintf("; %d instances are needed", (c.Needed+c.PerInstance-1)/c.PerInstance)
		}
	}
	return fmt.Sprintf("%d × %s %s: %d awsvpc tasks per instance, %d in all; a blue/green deployment of %d tasks runs %d (blue + green): %s",
		c.Instances, c.InstanceType, mode, c.PerInstance, c.Total, c.DesiredTasks, c.Needed, verdict)
}
