/**
 * `npm run chat`: talk to the assistant in a terminal, no browser or Azure needed.
 * Buttons are shown numbered; type the number to click one.
 */
import { ActivityTypes, type Activity, type CardAction } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { assembleAssistant } from './assembly/assemble-assistant';
import { loadConfig } from './runtime/config';
import { InProcessAdapter } from './botframework/in-process-adapter';
import { createLogger } from './runtime/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr);
  const { bot } = await assembleAssistant(config, logger);
  const locale = process.argv.includes('--english') ? 'en-GB' : 'da-DK';
  let buttons: CardAction[] = [];

  const adapter = new InProcessAdapter((activity) => {
    if (activity.type !== ActivityTypes.Message) return;
    const offered: CardAction[] = [];
    const lines = [`\n🤖 ${activity.text ?? ''}`];
    for (const attachment of activity.attachments ?? []) {
      const card = attachment.content as { title?: string; text?: string; buttons?: CardAction[] };
      lines.push(`   ┌ ${card.title ?? ''}${card.text ? ` – ${card.text}` : ''}`);
      for (const button of card.buttons ?? []) {
        if (button.type === 'openUrl') lines.push(`   └ ${button.title}: ${String(button.value)}`);
        else offered.push(button);
      }
    }
    offered.push(...(activity.suggestedActions?.actions ?? []));
    if (offered.length > 0) {
      buttons = offered;
      lines.push(offered.map((b, i) => `   [${i + 1}] ${b.title}`).join('\n'));
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  });

  const conversation = { id: randomUUID(), name: 'terminal', isGroup: false, conversationType: 'personal' };
  const citizen = { id: 'citizen', name: 'Borger' };
  const assistant = { id: 'assistant', name: 'Assistent' };
  const send = (activity: Partial<Activity>) =>
    adapter.process(
      {
        channelId: 'terminal',
        serviceUrl: 'terminal:',
        conversation,
        from: citizen,
        recipient: assistant,
        locale,
        ...activity,
      },
      (context) => bot.run(context),
    );

  await send({ type: ActivityTypes.ConversationUpdate, membersAdded: [citizen] });
  // Iterating the line stream (not question()) keeps piped input: lines that arrive while the
  // bot is still answering wait their turn.
  const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  terminal.setPrompt('\n> ');
  terminal.prompt();
  for await (const raw of terminal) {
    const line = raw.trim();
    if (line === '') {
      terminal.prompt();
      continue;
    }
    const button = /^\d+$/.test(line) ? buttons[Number(line) - 1] : undefined;
    if (button)
      await send({ type: ActivityTypes.Message, text: button.text ?? button.title, value: button.value as unknown });
    else await send({ type: ActivityTypes.Message, text: line });
    terminal.prompt();
  }
  process.stdout.write('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
