// Knobs of the Kafka Connect S3 sink add-on (sim/model/s3SinkConfig.ts): a `sink:` block adds the same export to
// every architecture of a scenario. Sources: architectures.md A5 (confluentinc kafka-connect-storage-cloud/common).

import type { S3SinkConfig } from "../model/s3SinkConfig.ts";
import { integerField, placementField } from "./basicFields.ts";
import type { KnobTable } from "./knobs.ts";
import { byteRateField, bytesField, durationField } from "./quantityFields.ts";
import { objectStoreField } from "./storageKnobs.ts";

/** S3 sink knobs (S3SinkConfig). */
export const SINK_KNOBS: KnobTable<S3SinkConfig> = {
  flushSize: { key: "flushSize", field: integerField(1, 1e9, "records"), doc: "Records per file per Kafka partition before a commit.", source: "`flush.size`: required, no default (A5); 10,000 is an assumption" },
  rotateInterval: { key: "rotateIntervalMicros", field: durationField({ positive: true, off: true }), doc: "Rotate files this often in record time; needs partitionDuration.", source: "`rotate.interval.ms` = -1, off (A5)" },
  partitionDuration: { key: "partitionDurationMicros", field: durationField({ positive: true, off: true }), doc: "TimeBasedPartitioner bucket; \"off\" = DefaultPartitioner.", source: "`partition.duration.ms` = -1 (A5)" },
  partSize: { key: "partBytes", field: bytesField({ positive: true }), doc: "Multipart part size.", source: "`s3.part.size` = 25 MiB (A5)" },
  tasks: { key: "tasks", field: integerField(1, 1024), doc: "Sink tasks, each on its own Connect worker.", source: "`tasks.max` = 1; the preset runs 3, one per zone (assumption)" },
  zones: { key: "placement", field: placementField(), doc: "Where the workers run: spread over zones, or pinned to one.", source: "model choice" },
  workerNetwork: { key: "workerNetworkBytesPerSecond", field: byteRateField(), doc: "NIC of a worker, each way.", source: "same as benchmark clients (sim/model/cluster.ts)" },
  offsetFlushInterval: { key: "offsetFlushIntervalMicros", field: durationField({ positive: true }), doc: "How often a worker commits offsets of files already in S3.", source: "`offset.flush.interval.ms` = 60000 (WorkerConfig.java)" },
  retryBackoff: { key: "retryBackoffMicros", field: durationField(), doc: "Wait before re-issuing a request the SDK gave up on.", source: "`s3.retry.backoff.ms` = 200 (A5)" },
  store: { key: "store", field: objectStoreField(), doc: "Overrides of the sink's S3 Standard bucket.", source: "S3 Standard (B1)" },
};
