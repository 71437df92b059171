<#-- lottery.lost (de), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Losverfahren: kein Platz in ${(course.name)!""}</#assign>
<@t.hello/>

die Plätze im Kurs <@t.coursePhrase c=course!{}/> wurden verlost. Leider hat es diesmal weder für einen Platz noch für einen Platz auf der Warteliste gereicht; Ihre Anmeldung für diesen Kurs ist damit beendet.

Sind in anderen Kursen noch Plätze frei, können Sie sich dort weiterhin anmelden.

<@t.statusLink/>

<@t.footer/>
