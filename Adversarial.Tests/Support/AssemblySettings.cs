// libtorch already uses every core for one batch; parallel test classes would only contend for them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
