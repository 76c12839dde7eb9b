import type { FlushObserver, FlushWatch } from '../em/flush-observer';
import { FlushRecord } from './flush-record';
import type { MetricsRecorder } from './metrics-recorder';
import type { Tracing } from './tracing';

/** The one flush observer of an Orm: times and sizes each flush for metrics, and runs it in a span for tracing. */
export class FlushObservation implements FlushObserver {
  recorder: MetricsRecorder | undefined;
  tracing: Tracing | undefined;

  observe(run: (watch: FlushWatch) => Promise<void>): Promise<void> {
    const record = new FlushRecord();
    const recorded = () => this.recorded(record, run);
    return this.tracing ? this.tracing.flush(record, recorded) : recorded();
  }

  private async recorded(record: FlushRecord, run: (watch: FlushWatch) => Promise<void>): Promise<void> {
    try {
      await run(record);
    } catch (error) {
      this.recorder?.flushEnded(record, error);
      throw error;
    }
    this.recorder?.flushEnded(record);
  }
}
