/**
 * SMS as a pluggable channel: no vendor is bound in. To send text messages, write a class implementing SmsSender
 * with your provider's SDK or HTTP API (阿里云短信, 腾讯云短信, a 政务短信平台 …) and pass it at start-up:
 *
 *   configureNotify({ sms: new MyVendorSms({ … }) });   // in src/cli/serve.ts and src/cli/worker.ts
 *
 * From then on every notification to a user with a phone number is also queued as an 'sms' delivery, sent through
 * the job queue (retried, never twice). Without a sender nothing is queued for SMS. LogSmsSender below is the
 * documented example: it only writes a line to the log (the number masked), for trying the flow out.
 */
export interface SmsSender {
  /** Send one message; throw (with a Chinese message) to have it retried. */
  send(phone: string, text: string): Promise<void>;
}

/** 138****0000 */
export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

/** The example sender: logs instead of sending. */
export class LogSmsSender implements SmsSender {
  readonly sent: { phone: string; text: string }[] = [];
  constructor(private readonly log: (line: string) => void = (line) => console.log(line)) {}
  async send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text });
    this.log(`[短信示例] 发往 ${maskPhone(phone)}：${text}`);
  }
}
