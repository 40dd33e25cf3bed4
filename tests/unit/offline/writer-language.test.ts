import { describe, expect, it } from 'vitest'
import { answer, createOfflineChatModel } from '../../../src/providers/offline/chat.js'
import type { ChatRequest } from '../../../src/providers/types.js'

type Story = { title: string; logline: string; characters: { name: string }[]; outline: string[] }
type Script = { scenes: { action: string; dialogue: { speaker: string; line: string }[]; characters: string[] }[] }

const user = (content: string) => ({ role: 'user' as const, content })

function storyRequest(idea: string, language: string, requirement?: string, pinned?: readonly string[]): ChatRequest {
  const sections = [
    `<IDEA>\n${idea}\n</IDEA>`,
    requirement === undefined ? '' : `<REQUIREMENT>\n${requirement}\n</REQUIREMENT>`,
    pinned === undefined ? '' : `<PINNED_CHARACTERS>\n${JSON.stringify(pinned.map((name) => ({ name })))}\n</PINNED_CHARACTERS>`,
    `<LANGUAGE>\n${language}\n</LANGUAGE>`,
  ]
  return { messages: [user(sections.filter((s) => s !== '').join('\n\n'))], schema: { name: 'story', schema: {} } }
}

/** The story and the script the offline writer makes of an idea, as the screenwriter asks them. */
function write(idea: string, language: string, requirement?: string, pinned?: readonly string[]): { story: Story; script: Script } {
  const storyText = answer(storyRequest(idea, language, requirement, pinned))
  const script = answer({
    messages: [user(`<STORY>\n${storyText}\n</STORY>\n\n<LANGUAGE>\n${language}\n</LANGUAGE>`)],
    schema: { name: 'script', schema: {} },
  })
  return { story: JSON.parse(storyText) as Story, script: JSON.parse(script) as Script }
}

const spoken = (script: Script) => script.scenes.flatMap((s) => s.dialogue.map((d) => d.line)).join('\n')
const speakers = (script: Script) => [...new Set(script.scenes.flatMap((s) => [...s.characters, ...s.dialogue.map((d) => d.speaker)]))].sort()

const LANGUAGES = [
  { tag: 'en', idea: 'Hélène and Karim find a stranded whale near Montréal.', words: /\b(you|the|I|it)\b/i },
  { tag: 'fr', idea: 'Hélène et Karim découvrent une baleine échouée près de Montréal.', words: /(\bça\b|\bje\b|\btu\b|\bpas\b)/i },
  { tag: 'es', idea: 'Hélène y Karim encuentran una ballena varada cerca de Montréal.', words: /[¿¡]|\b(que|no|lo|esto)\b/i },
  { tag: 'de', idea: 'Hélène und Karim finden einen gestrandeten Wal bei Montréal.', words: /\b(ich|du|nicht|das|wir)\b/i },
  { tag: 'ja-JP', idea: 'Hélène and Karim find a stranded whale near Montréal.', words: /\p{Script=Hiragana}{3}/u },
]

describe('the offline writer writes in the spec’s language', () => {
  for (const { tag, idea, words } of LANGUAGES) {
    it(`writes the dialogue of a "${tag}" film in that language, spoken by the two characters the idea names`, () => {
      const { story, script } = write(idea, tag)
      expect(story.characters.map((c) => c.name)).toEqual(['Hélène', 'Karim'])
      expect(speakers(script)).toEqual(['Hélène', 'Karim'])
      const lines = spoken(script)
      expect(lines).toMatch(words)
      if (tag !== 'en') expect(lines).not.toMatch(/\b(you|the)\b/i)
      expect(script.scenes.map((s) => s.action).join(' ')).toMatch(tag === 'en' ? words : /Hélène/)
    })
  }

  it('quotes French with guillemets and writes Japanese lines in kana, which the offline voice reads without warning', () => {
    expect(spoken(write(LANGUAGES[1]!.idea, 'fr').script)).toMatch(/« [^»]+ »/)
    const japanese = spoken(write('ミラはくじらをみつける。', 'ja').script)
    expect(japanese.replace(/「[^」]*」/g, '')).not.toMatch(/\p{Script=Han}/u)
  })

  it('writes English for a language it does not know, and says so once, naming the language', async () => {
    const model = createOfflineChatModel('writer', {})
    const first = await model.generate(storyRequest('Mara and Jun climb a volcano.', 'it'))
    const second = await model.generate(storyRequest('Mara and Jun climb a volcano.', 'it'))
    expect(first.warnings).toEqual([expect.stringMatching(/offline writer does not write "it".*English/)])
    expect(second.warnings ?? []).toEqual([])
    expect((JSON.parse(first.text) as Story).outline.join(' ')).toMatch(/\b(the|and)\b/)
    const french = await createOfflineChatModel('writer', {}).generate(storyRequest('Mara et Jun gravissent un volcan.', 'fr'))
    expect(french.warnings ?? []).toEqual([])
  })
})

describe('the offline writer keeps the spec’s cast and scenes', () => {
  it('invents nobody when the idea names one character, and still writes every line for them', () => {
    const { story, script } = write('Hélène garde le dernier phare de la côte.', 'fr')
    expect(story.characters.map((c) => c.name)).toEqual(['Hélène'])
    expect(speakers(script)).toEqual(['Hélène'])
  })

  it('puts every pinned character in some scene, so the cast it answers has exactly them', () => {
    const pinned = ['Ada', 'Orrin', 'Bea', 'Cyrus']
    const { script } = write('A clockmaker repairs the town clock before the festival.', 'en', 'two scenes', pinned)
    expect(script.scenes).toHaveLength(2)
    expect(speakers(script)).toEqual([...pinned].sort())
    const cast = JSON.parse(answer({ messages: [user(`<SCRIPT>\n${JSON.stringify(script)}\n</SCRIPT>`)], schema: { name: 'cast', schema: {} } })) as Story
    expect(cast.characters.map((c) => c.name).sort()).toEqual([...pinned].sort())
  })

  it('does not read places or nouns as names ("près de Montréal", "einen Wal", "When")', () => {
    expect(write('Un phare près de Montréal, où Hélène attend Karim.', 'fr').story.characters.map((c) => c.name)).toEqual(['Hélène', 'Karim'])
    expect(write('Als Jonas einen Wal am Strand findet, ruft er Lea.', 'de').story.characters.map((c) => c.name)).toEqual(['Jonas', 'Lea'])
    expect(write('When Mara finds a map, she calls her brother named Jun.', 'en').story.characters.map((c) => c.name)).toEqual(['Mara', 'Jun'])
  })

  for (const [requirement, count] of [['trois scènes, une minute', 3], ['cinco escenas', 5], ['vier kurze Szenen', 4], ['シーンを2つ', 2], ['eight scenes', 8]] as const) {
    it(`tells ${count} scenes when the requirement asks "${requirement}"`, () => {
      const { story, script } = write('Mara and Jun fix a broken radio.', 'en', requirement)
      expect(story.outline).toHaveLength(count)
      expect(script.scenes).toHaveLength(count)
    })
  }
})

describe('the offline writer uses the idea’s phrases whole', () => {
  it('quotes a clause of the idea intact instead of dropping its words into fixed lines', () => {
    const idea = 'On a storm-battered island, a keeper waits for the supply boat from Montréal.'
    const { story, script } = write(idea, 'en', undefined, ['Elsie', 'Tomas'])
    const text = `${story.outline.join(' ')} ${spoken(script)}`
    expect(text).toContain('“a keeper waits for the supply boat from Montréal”')
    expect(text).not.toMatch(/the (montréal|storm-battered|island|keeper)\b(?! waits)/i)
    expect(text).not.toMatch(/just the storm-battered/i)
  })

  it('stays deterministic per request and changes with the seed', () => {
    const request = storyRequest('Hélène et Karim découvrent une baleine échouée.', 'fr')
    expect(answer(request)).toBe(answer(request))
    expect(answer({ ...request, seed: 7 })).not.toBe(answer(request))
  })
})
