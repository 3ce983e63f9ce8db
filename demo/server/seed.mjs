// The mail a fresh inbox starts with, so the app is not empty on first start.
const DAY = 24 * 60 * 60 * 1000;

/** @param {number} now @param {string} to the owner's address */
export function seedMessages(now, to) {
  /** @type {Array<{ from: string; subject: string; body: string; age: number; folder?: 'inbox' | 'archive' }>} */
  const mail = [
    {
      from: 'Ada Lovelace <ada@analytical.example>',
      subject: 'Notes on the engine',
      body: 'I have finished the notes on the engine. The part about Bernoulli numbers took longer than planned, but it runs.\n\nCould you read it before Friday?\n\nAda',
      age: 0.05,
    },
    {
      from: 'Grace Hopper <grace@navy.example>',
      subject: 'Found the bug',
      body: 'It was a moth, stuck in relay 70 of panel F. Taped it into the log book.\n\nWe are back up and running.',
      age: 0.4,
    },
    {
      from: 'Katherine Johnson <katherine@flight.example>',
      subject: 'Trajectory figures',
      body: 'The launch window figures are checked by hand. They match the machine to the last digit.\n\nSend them on.',
      age: 1.2,
    },
    {
      from: 'Alan Turing <alan@bletchley.example>',
      subject: 'Lunch on Thursday?',
      body: 'The usual place, at one? I will bring the chess board.',
      age: 3,
    },
    {
      from: 'Bookshop <orders@bookshop.example>',
      subject: 'Your order has shipped',
      body: 'Your copy of "The Art of Computer Programming, Vol. 1" is on its way.',
      age: 9,
    },
    {
      from: 'Edsger Dijkstra <ewd@eindhoven.example>',
      subject: 'Go To, considered',
      body: 'A short letter to the editor. I am told the title will be changed.',
      age: 75,
      folder: 'archive',
    },
    {
      from: 'Newsletter <news@weekly.example>',
      subject: 'This week in computing',
      body: 'Punched cards make a comeback, and other stories.',
      age: 120,
    },
  ];
  return mail.map((m) => ({
    from: m.from,
    to,
    subject: m.subject,
    body: m.body,
    date: Math.round(now - m.age * DAY),
    folder: m.folder ?? 'inbox',
  }));
}
