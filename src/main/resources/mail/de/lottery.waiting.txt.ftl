<#-- lottery.waiting (de), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Losverfahren: Warteliste für ${(course.name)!""}</#assign>
<@t.hello/>

Die Plätze im Kurs <@t.coursePhrase c=course!{}/> wurden verlost. Diesmal haben Sie keinen Platz bekommen; Sie stehen auf der Warteliste und bekommen Nachricht, sobald ein Platz für Sie frei wird.

<@t.waitingPlace/>

<@t.courseFacts/>

<@t.feeLine/>

<@t.statusLink/>

<@t.footer/>
