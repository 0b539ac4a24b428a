// Breaks the import cycle between DataStream and the join API (as stream-factories.ts does for keyBy):
// DataStream.join() builds its JoinedStreams through this hook, which joined-streams.ts fills in when it loads.
import type { DataStream } from './data-stream.ts';

export const joinFactories = {
  join: null as null | ((left: DataStream<any>, right: DataStream<any>) => unknown),
};
